using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Storage;

namespace Chat.Grains.Rooms;

/// <summary>Makes one listing page of the store's public rooms and the caller's private rooms.</summary>
public static class RoomListMerge
{
    /// <summary>
    /// The first <paramref name="limit"/> rooms of both, in key order, and the cursor of the next page. Both sources
    /// were asked for one room more than the page, so a room left over means another page follows. When the store
    /// stopped early, only rooms up to where it stopped are certain, so the page ends there and the next one starts
    /// there (such a page may be short, even empty, and still have a next cursor).
    /// </summary>
    public static RoomListPage Page(RoomDirectoryPage stored, IReadOnlyList<RoomSummary> privateRooms, string? search, int limit)
    {
        var merged = stored.Rooms.Concat(privateRooms)
            .Select(room => (Key: RoomListKey.Of(room, search), Room: room))
            .Where(entry => stored.ScannedTo is not { } scannedTo || entry.Key <= scannedTo)
            .OrderBy(entry => entry.Key)
            .ToList();
        var page = merged.Take(limit).ToList();
        var next = merged.Count > limit ? page[^1].Key
            : stored.ScannedTo is { } stop ? stop
            : (RoomListKey?)null;
        return new RoomListPage(page.Select(entry => entry.Room).ToArray(), next?.ToCursor());
    }
}
