namespace Chat.Grains.Abstractions.Rooms;

/// <summary>What a caller may know about a room.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-info")]
public sealed record RoomInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Topic,
    [property: Id(3)] bool IsPrivate,
    [property: Id(4)] string Owner,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] IReadOnlyList<string> Members,
    [property: Id(7)] long LastSeq);
