using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Storage;
using Orleans.Concurrency;

namespace Chat.Grains.Rooms;

/// <summary>
/// The room directory in front of <see cref="IRoomDirectory"/>. Public rooms are paged straight from the store;
/// the caller's private rooms come from the caller's own room list (at most <see cref="Users.UserGrain.MaxRooms"/>),
/// are read from the store by id and shown only when the room still admits the caller, so the store never holds
/// member lists. A stateless worker: it keeps nothing, so any silo can answer and none becomes a hot spot.
/// </summary>
[StatelessWorker]
public sealed class RoomDirectoryGrain(IRoomDirectory directory) : Grain, IRoomDirectoryGrain
{
    /// <summary>How many private rooms are checked with their room grain at once.</summary>
    private const int CheckBatch = 16;

    public Task UpsertAsync(RoomSummary room) => directory.UpsertAsync(room);

    public Task RemoveAsync(string roomId) => directory.RemoveAsync(roomId);

    public async Task<RoomListPage> ListAsync(string caller, RoomListQuery query, CancellationToken cancellationToken = default)
    {
        ChatLimits.RequirePageLimit(query.Limit, RoomListQuery.MaxLimit);
        if (query.Search is { Length: > RoomListQuery.MaxSearchLength })
        {
            throw ChatException.Invalid("q", $"A search is at most {RoomListQuery.MaxSearchLength} characters.");
        }

        RoomListKey? after = null;
        if (query.Cursor is not null)
        {
            after = RoomListKey.TryParseCursor(query.Cursor, out var key)
                ? key
                : throw ChatException.Invalid("cursor", "The cursor is not one this listing gave out: pass the nextCursor of the previous page unchanged.");
        }

        // One more than the page from each source tells whether another page follows.
        var search = RoomSearch.NormalizeSearch(query.Search);
        var publicRooms = directory.ListPublicAsync(search, after, query.Limit + 1, cancellationToken);
        var privateRooms = PrivateRoomsAsync(caller, search, after, query.Limit + 1, cancellationToken);
        return RoomListMerge.Page(await publicRooms, await privateRooms, search, query.Limit);
    }

    public async Task<IReadOnlyList<RoomSummary>> MineAsync(string caller)
    {
        var rooms = await OwnRoomsAsync(caller);
        var admitted = await AdmittedAsync(caller, rooms.Where(room => room.IsPrivate).ToList(), int.MaxValue);
        return rooms.Where(room => !room.IsPrivate).Concat(admitted).OrderBy(room => room.Id, StringComparer.Ordinal).ToArray();
    }

    private async Task<IReadOnlyList<RoomSummary>> PrivateRoomsAsync(string caller, string? search, RoomListKey? after, int limit, CancellationToken cancellationToken)
    {
        var candidates = (await OwnRoomsAsync(caller, cancellationToken))
            .Where(room => room.IsPrivate && RoomListKey.IsListed(room, search))
            .Select(room => (Key: RoomListKey.Of(room, search), Room: room))
            .Where(entry => after is not { } start || entry.Key > start)
            .OrderBy(entry => entry.Key)
            .Select(entry => entry.Room)
            .ToList();
        return await AdmittedAsync(caller, candidates, limit);
    }

    /// <summary>The summaries of the rooms in the caller's own list (public ones the caller joined, private ones the caller was added to).</summary>
    private async Task<IReadOnlyList<RoomSummary>> OwnRoomsAsync(string caller, CancellationToken cancellationToken = default)
    {
        var profile = await GrainFactory.Reference<IUserGrain>(caller).GetProfileAsync();
        return profile is null || profile.Rooms.Count == 0 ? [] : await directory.GetAsync(profile.Rooms.ToArray(), cancellationToken);
    }

    /// <summary>
    /// The first <paramref name="limit"/> of <paramref name="candidates"/> (private rooms, in order) whose room
    /// admits the caller. A user's list can name a room the user no longer reads (a public room the user joined
    /// that was then made private), so the room grain decides.
    /// </summary>
    private async Task<IReadOnlyList<RoomSummary>> AdmittedAsync(string caller, IReadOnlyList<RoomSummary> candidates, int limit)
    {
        var admitted = new List<RoomSummary>();
        foreach (var batch in candidates.Chunk(CheckBatch))
        {
            var checks = await Task.WhenAll(batch.Select(room => AdmitsAsync(room.Id, caller)));
            admitted.AddRange(batch.Where((_, i) => checks[i]).Take(limit - admitted.Count));
            if (admitted.Count >= limit)
            {
                break;
            }
        }

        return admitted;
    }

    private async Task<bool> AdmitsAsync(string roomId, string caller)
    {
        try
        {
            await GrainFactory.Reference<IRoomGrain>(roomId).GetAsync(caller);
            return true;
        }
        catch (ChatException error) when (error.Code is ChatErrorCode.Forbidden or ChatErrorCode.NotFound)
        {
            return false;
        }
    }
}
