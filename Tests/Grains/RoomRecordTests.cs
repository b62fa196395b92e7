using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Grains;

public sealed class RoomRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly StoredRoom _state = new();
    private readonly RecordingGrains _grains = RecordingGrains.Create();
    private readonly RoomMembership _room;
    private readonly RoomRecord _record;
    private int _freshStarts;

    public RoomRecordTests()
    {
        _room = new RoomMembership("r1", _state, maxMembers: 3);
        _record = new RoomRecord("r1", _state, _room, new RoomPublisher("r1", _grains.Factory, _room, analyzeMessages: false), _grains.Factory, NullLogger.Instance);
    }

    [Fact]
    public async Task Create_ListsTheRoomWithTheOwnerFirst_ThenInTheDirectory_AndCompletesIt()
    {
        await CreateAsync("ann");

        Assert.Equal(["IUserGrain/ann.AddRoomAsync", "IRoomDirectoryGrain/all.UpsertAsync"], _grains.Calls);
        Assert.Equal((2, 1, false), (_state.Writes, _freshStarts, _state.State.Creating));
        _room.RequireOwner("ann");
    }

    [Fact]
    public async Task Create_RefusedByTheOwnersCap_WritesNothing()
    {
        _grains.Refuse("IUserGrain/ann.AddRoomAsync", ChatException.Invalid("Too many rooms."));

        var error = await Assert.ThrowsAsync<ChatException>(() => CreateAsync("ann"));

        Assert.Equal(ChatErrorCode.Invalid, error.Code);
        Assert.Equal((0, false), (_state.Writes, _state.RecordExists));
    }

    [Fact]
    public async Task Create_WhenTheCompletingWriteFails_RollsBackTheDirectoryTheOwnersListAndTheRoom()
    {
        _state.FailWrites(skip: 1, count: 1);

        var error = await Assert.ThrowsAsync<ChatException>(() => CreateAsync("ann"));

        Assert.Equal(ChatErrorCode.Unavailable, error.Code);
        Assert.Equal(
            ["IUserGrain/ann.AddRoomAsync", "IRoomDirectoryGrain/all.UpsertAsync", "IRoomDirectoryGrain/all.RemoveAsync", "IUserGrain/ann.RemoveRoomAsync"],
            _grains.Calls);
        Assert.False(_state.RecordExists);
    }

    [Fact]
    public async Task Create_WhenTheRollBackFailsToo_LeavesTheRoomInvisible_AndTheNextCreateTakesItFromItsOwner()
    {
        _state.FailWrites(skip: 1, count: 2);
        await Assert.ThrowsAsync<ChatException>(() => CreateAsync("ann"));

        Assert.True(_state.RecordExists);
        Assert.Equal(ChatErrorCode.NotFound, Assert.Throws<ChatException>(() => _room.RequireReader("ann")).Code);

        _grains.Calls.Clear();
        await CreateAsync("bob");

        Assert.Contains("IUserGrain/ann.RemoveRoomAsync", _grains.Calls);
        _room.RequireOwner("bob");
    }

    [Fact]
    public async Task AddingAMember_WhoseWriteFails_IsUndoneInTheRoomAndInTheirList()
    {
        await CreateAsync("ann");
        _grains.Calls.Clear();
        _state.FailWrites(skip: 0, count: 1);

        await Assert.ThrowsAsync<IOException>(() => _record.AddAsync("bob"));

        Assert.Equal(["IUserGrain/bob.ExistsAsync", "IUserGrain/bob.AddedToRoomAsync", "IUserGrain/bob.RemoveRoomAsync"], _grains.Calls);
        Assert.False(_room.IsMember("bob"));
    }

    [Fact]
    public async Task AddingAMember_WhoIsUnknownOrAlreadyIn_ChangesNothing()
    {
        await CreateAsync("ann");
        _grains.Answer("IUserGrain/eve.ExistsAsync", false);
        var writes = _state.Writes;

        Assert.Equal(ChatErrorCode.NotFound, (await Assert.ThrowsAsync<ChatException>(() => _record.AddAsync("eve"))).Code);
        await _record.AddAsync("ann");

        Assert.Equal(writes, _state.Writes);
        Assert.DoesNotContain(_grains.Calls, c => c.EndsWith(".AddedToRoomAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_TakesTheRoomOutOfTheDirectoryAndOfEveryMembersList()
    {
        await CreateAsync("ann");
        await _record.AddAsync("bob");
        _grains.Calls.Clear();

        await _record.DeleteAsync();

        Assert.False(_state.RecordExists);
        Assert.Equal(
            ["IRoomDirectoryGrain/all.RemoveAsync", "IUserGrain/ann.RemoveRoomAsync", "IUserGrain/bob.RemoveRoomAsync"],
            _grains.Calls);
    }

    [Fact]
    public async Task Joins_ListTheRoomForAUserOnce_UntilTheUserIsUnlisted()
    {
        await CreateAsync("ann");
        _grains.Calls.Clear();

        await _record.ListForAsync("bob");
        await _record.ListForAsync("bob");
        await _record.ListForAsync("cid");
        await _record.UnlistForAsync("bob");
        await _record.ListForAsync("bob");
        await _record.ListForAsync("bob");

        Assert.Equal(
            ["IUserGrain/bob.AddRoomAsync", "IUserGrain/cid.AddRoomAsync", "IUserGrain/bob.RemoveRoomAsync", "IUserGrain/bob.AddRoomAsync"],
            _grains.Calls);
    }

    [Fact]
    public async Task AListingRefusedByTheUsersCap_IsNotRemembered()
    {
        await CreateAsync("ann");
        _grains.Refuse("IUserGrain/bob.AddRoomAsync", ChatException.Invalid("Too many rooms."));
        await Assert.ThrowsAsync<ChatException>(() => _record.ListForAsync("bob"));
        _grains.Calls.Clear();

        await Assert.ThrowsAsync<ChatException>(() => _record.ListForAsync("bob"));

        Assert.Equal(["IUserGrain/bob.AddRoomAsync"], _grains.Calls);
    }

    [Fact]
    public async Task ADeletedRoom_ForgetsWhomItListed()
    {
        await CreateAsync("ann");
        await _record.ListForAsync("bob");
        await _record.DeleteAsync();
        await CreateAsync("ann");
        _grains.Calls.Clear();

        await _record.ListForAsync("bob");

        Assert.Equal(["IUserGrain/bob.AddRoomAsync"], _grains.Calls);
    }

    private Task CreateAsync(string owner) =>
        _record.CreateAsync(owner, new RoomSettings("lobby", null, IsPrivate: false), Now, () =>
        {
            _freshStarts++;
            return Task.CompletedTask;
        });
}
