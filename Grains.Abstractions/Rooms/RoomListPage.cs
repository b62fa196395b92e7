namespace Chat.Grains.Abstractions.Rooms;

/// <summary>A page of the room listing; <see cref="NextCursor"/> asks for the next page and is null on the last one.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-list-page")]
public sealed record RoomListPage(
    [property: Id(0)] IReadOnlyList<RoomSummary> Rooms,
    [property: Id(1)] string? NextCursor);
