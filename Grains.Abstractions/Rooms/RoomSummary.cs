namespace Chat.Grains.Abstractions.Rooms;

/// <summary>
/// A room as the directory lists it. It holds no member list: a private room is shown to the users whose own room
/// list names it and whom the room itself admits.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.room-summary")]
public sealed record RoomSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Topic,
    [property: Id(3)] bool IsPrivate,
    [property: Id(4)] string Owner);
