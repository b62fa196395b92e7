using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;

namespace Chat.Silo.Telemetry;

/// <summary>Counts every request to the room directory it wraps (<c>chat.store.requests</c>, tagged with the store and kind).</summary>
public sealed class MeteredRoomDirectory(IRoomDirectory inner, ChatMetrics metrics, string store) : IRoomDirectory
{
    public Task UpsertAsync(RoomSummary room, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.DirectoryUpsert);
        return inner.UpsertAsync(room, cancellationToken);
    }

    public Task RemoveAsync(string roomId, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.DirectoryRemove);
        return inner.RemoveAsync(roomId, cancellationToken);
    }

    public Task<IReadOnlyList<RoomSummary>> GetAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.DirectoryGet);
        return inner.GetAsync(roomIds, cancellationToken);
    }

    public Task<RoomDirectoryPage> ListPublicAsync(string? search, RoomListKey? after, int limit, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.DirectoryList);
        return inner.ListPublicAsync(search, after, limit, cancellationToken);
    }
}
