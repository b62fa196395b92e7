namespace Chat.Grains.Rooms;

/// <summary>A room's durable metadata. Messages live in the message log, not here.</summary>
[GenerateSerializer, Alias("chat.room-state")]
public sealed class RoomState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string? Topic { get; set; }
    [Id(2)] public bool IsPrivate { get; set; }
    [Id(3)] public string Owner { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public SortedSet<string> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Written, but its creation has not finished (or failed and could not be rolled back): nobody sees it, and creating its id again replaces it.</summary>
    [Id(6)] public bool Creating { get; set; }
}
