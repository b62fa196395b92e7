using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

/// <summary>
/// The room's stored record and the places it is listed: the room directory and its users' own lists of rooms
/// (<see cref="IUserGrain"/>), kept in step. Creation is all or nothing; a user's list is updated before the member set
/// is written (so the user's cap can refuse first) and undone when that write fails; a deleted room leaves every list.
/// Owned by one room grain and used only from its turns; its calls go to the directory and to user grains, never back
/// to the room. It remembers, for as long as the room is active, whom it has listed the room for, so a join (every
/// connection joins its rooms) calls the user's grain only the first time, and an idle user's grain stays asleep.
/// </summary>
internal sealed partial class RoomRecord(
    string roomId,
    IPersistentState<RoomState> state,
    RoomMembership room,
    RoomPublisher publisher,
    IGrainFactory grains,
    ILogger logger)
{
    /// <summary>Most users remembered as listed; past it a join asks the user's grain again (which answers at once).</summary>
    public const int MaxRememberedListings = 10_000;

    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);

    /// <summary>Grows with every unlisting, so a listing that overlapped one is not remembered (joins interleave).</summary>
    private long _unlistings;

    /// <summary>
    /// All or nothing. The owner's cap is checked (and the room put in the owner's list) before anything of the room
    /// is written; the room is written marked as being created, <paramref name="startFresh"/> readies its messages, it
    /// is listed in the directory, then written as complete. A failure on the way is rolled back (directory, owner's
    /// list, room). Should the roll-back fail as well, the room stays marked as being created: nobody can see it, and
    /// the next creation of this id replaces it.
    /// </summary>
    public async Task CreateAsync(string owner, RoomSettings settings, DateTimeOffset now, Func<Task> startFresh)
    {
        room.RequireFree();
        ForgetListings();
        var name = RoomRules.Name(settings.Name);
        var topic = RoomRules.Topic(settings.Topic);
        await User(owner).AddRoomAsync(roomId);
        var leftoverOwner = room.Start(owner, name, topic, settings.IsPrivate, now);
        try
        {
            await state.WriteStateAsync();
            if (leftoverOwner is not null)
            {
                await UnlistForAsync(leftoverOwner);
            }

            await startFresh();
            room.Reopen();
            await publisher.ListAsync();
            room.SetCreating(false);
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            LogCreateFailed(error, roomId, owner);
            await RollBackCreateAsync(owner);
            throw new ChatException(ChatErrorCode.Unavailable, $"Room '{roomId}' could not be created; nothing was kept. Try again.");
        }

        LogRoomCreated(roomId, owner, settings.IsPrivate);
    }

    /// <summary>Applies a patch (the caller's right to is checked before), writes it and lists the room anew.</summary>
    public async Task UpdateAsync(RoomPatch patch)
    {
        room.Apply(patch);
        await state.WriteStateAsync();
        await publisher.ListAsync();
    }

    /// <summary>
    /// Adds an existing user. It counts against the user's cap for rooms others added them to, never against their own
    /// (see <see cref="IUserGrain.AddedToRoomAsync"/>); the user's list is updated first, so a refusal leaves the room as it was.
    /// </summary>
    public async Task AddAsync(string userName)
    {
        var user = User(userName);
        if (!await user.ExistsAsync())
        {
            throw ChatException.NotFound($"There is no user '{userName}'.");
        }

        if (room.IsMember(userName))
        {
            return;
        }

        room.RequireSpace();
        var listed = await user.AddedToRoomAsync(roomId);
        room.Add(userName);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            room.Remove(userName);
            if (listed)
            {
                await UnlistForAsync(userName);
            }

            throw;
        }

        await publisher.ListAsync();
    }

    /// <summary>Removes a member (the right to is checked before) and writes it; false when they were not one. Their own list is left to <see cref="UnlistForAsync"/>.</summary>
    public async Task<bool> RemoveAsync(string userName)
    {
        if (!room.Remove(userName))
        {
            return false;
        }

        await state.WriteStateAsync();
        await publisher.ListAsync();
        return true;
    }

    /// <summary>Puts the room in the user's own list of rooms (within their cap), unless this activation did already.</summary>
    public async Task ListForAsync(string userName)
    {
        if (_listed.Contains(userName))
        {
            return;
        }

        var unlistings = _unlistings;
        await User(userName).AddRoomAsync(roomId);
        if (unlistings == _unlistings && _listed.Count < MaxRememberedListings)
        {
            _listed.Add(userName);
        }
    }

    /// <summary>Takes the room out of the user's own list of rooms.</summary>
    public Task UnlistForAsync(string userName)
    {
        _unlistings++;
        _listed.Remove(userName);
        return User(userName).RemoveRoomAsync(roomId);
    }

    /// <summary>Clears the record, then takes the room out of the directory and out of every member's list.</summary>
    public async Task DeleteAsync()
    {
        var members = room.Members();
        ForgetListings();
        await state.ClearStateAsync();
        await publisher.UnlistAsync();
        await Task.WhenAll(members.Select(UnlistForAsync));
    }

    private async Task RollBackCreateAsync(string owner)
    {
        room.SetCreating(true);
        try
        {
            await publisher.UnlistAsync();
            await UnlistForAsync(owner);
            await state.ClearStateAsync();
        }
        catch (Exception error)
        {
            LogCreateRollBackFailed(error, roomId);
        }
    }

    private void ForgetListings()
    {
        _unlistings++;
        _listed.Clear();
    }

    private IUserGrain User(string userName) => grains.Reference<IUserGrain>(userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created by {Owner} (private: {IsPrivate})")]
    private partial void LogRoomCreated(string roomId, string owner, bool isPrivate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} of {Owner} could not be created; rolling it back")]
    private partial void LogCreateFailed(Exception error, string roomId, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not be rolled back after a failed creation; it stays invisible until its id is created again")]
    private partial void LogCreateRollBackFailed(Exception error, string roomId);
}
