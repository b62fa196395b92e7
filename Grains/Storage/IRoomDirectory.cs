using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;

namespace Chat.Grains.Storage;

/// <summary>
/// The durable room directory: one summary per room, found by id, and the public rooms listed in
/// <see cref="RoomListKey"/> order with a name/topic prefix search. Private rooms are stored (so a member's own
/// rooms can be read by id) but never listed. Implemented by the hosts: SQLite when embedded, DynamoDB in a cluster.
/// </summary>
public interface IRoomDirectory
{
    /// <summary>Stores or replaces a room's summary; a summary equal to the stored one writes nothing.</summary>
    Task UpsertAsync(RoomSummary room, CancellationToken cancellationToken = default);

    /// <summary>Removes a room's summary; removing an unknown room does nothing.</summary>
    Task RemoveAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>The stored summaries of the given rooms (unknown ids are left out), in no particular order.</summary>
    Task<IReadOnlyList<RoomSummary>> GetAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> public rooms listed for <paramref name="search"/> (normalized by
    /// <see cref="RoomSearch.NormalizeSearch"/>; null lists all), in ascending <see cref="RoomListKey.Of"/> order,
    /// with keys greater than <paramref name="after"/> when it is given. A store may stop early to bound its reads
    /// (see <see cref="RoomDirectoryPage.ScannedTo"/>).
    /// </summary>
    Task<RoomDirectoryPage> ListPublicAsync(string? search, RoomListKey? after, int limit, CancellationToken cancellationToken = default);
}
