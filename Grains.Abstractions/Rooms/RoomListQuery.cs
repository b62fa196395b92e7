namespace Chat.Grains.Abstractions.Rooms;

/// <summary>
/// One page of the room listing: rooms whose name or topic starts with <see cref="Search"/> (case-insensitive; all
/// rooms when null), after the position <see cref="Cursor"/> names (from the start when null), at most
/// <see cref="Limit"/> of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.room-list-query")]
public sealed record RoomListQuery(
    [property: Id(0)] string? Search,
    [property: Id(1)] string? Cursor,
    [property: Id(2)] int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxSearchLength = 100;
}
