namespace Chat.Grains.Abstractions.Rooms;

/// <summary>A partial update of a room; null leaves a field as it is. <see cref="Owner"/> hands the room to another of its members.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-patch")]
public sealed record RoomPatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Topic,
    [property: Id(2)] bool? IsPrivate,
    [property: Id(3)] string? Owner = null);
