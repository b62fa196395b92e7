using Chat.Grains.Abstractions.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>Every room, by id.</summary>
[GenerateSerializer, Alias("chat.room-directory-state")]
public sealed class RoomDirectoryState
{
    [Id(0)] public SortedDictionary<string, RoomSummary> Rooms { get; set; } = new(StringComparer.Ordinal);
}
