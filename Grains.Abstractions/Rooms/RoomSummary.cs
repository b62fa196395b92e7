namespace Chat.Grains.Abstractions.Rooms;

/// <summary>A room as the directory lists it; <see cref="Members"/> is kept for private rooms only, to filter listings.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-summary")]
public sealed record RoomSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Topic,
    [property: Id(3)] bool IsPrivate,
    [property: Id(4)] string Owner,
    [property: Id(5)] IReadOnlyList<string> Members);
