using Chat.Grains.Abstractions.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>
/// The state the room directory grain kept before the directory moved to <see cref="Storage.IRoomDirectory"/>
/// (every room in one record). Read once at start to import it; see <c>LegacyRoomDirectoryImport</c>.
/// </summary>
[GenerateSerializer, Alias("chat.room-directory-state")]
public sealed class LegacyRoomDirectoryState
{
    /// <summary>The grain state name it was stored under.</summary>
    public const string StateName = "directory";

    [Id(0)] public SortedDictionary<string, RoomSummary> Rooms { get; set; } = new(StringComparer.Ordinal);
}
