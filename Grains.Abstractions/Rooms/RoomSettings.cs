namespace Chat.Grains.Abstractions.Rooms;

/// <summary>The settings a room is created with.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-settings")]
public sealed record RoomSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Topic,
    [property: Id(2)] bool IsPrivate);
