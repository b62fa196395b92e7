using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

/// <summary>Creating a room is all or nothing, even when the store fails half-way.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomCreationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_WhenTheRoomCannotBeCompleted_RollsBackTheRoomTheDirectoryAndTheOwnersList()
    {
        var (owner, roomId, room) = await NewOwnerAndRoomIdAsync();

        // The room's first write (marked as being created) lands, the directory lists it, the completing write fails.
        FaultInjectingGrainStorage.FailWrites(roomId, skip: 1, count: 1);
        var error = await Assert.ThrowsAsync<ChatException>(() => room.CreateAsync(owner, new RoomSettings("Half", null, IsPrivate: false)));

        Assert.Equal(ChatErrorCode.Unavailable, error.Code);
        await AssertLeavesNothingAsync(owner, roomId, room);
        var created = await room.CreateAsync(owner, new RoomSettings("Whole", null, IsPrivate: false));
        Assert.Equal("Whole", created.Name);
        Assert.Contains(roomId, (await fixture.Grains.GetGrain<IUserGrain>(owner).GetProfileAsync())!.Rooms);
    }

    [Fact]
    public async Task Create_WhenTheRollBackFailsToo_LeavesAnInvisibleRoom_ThatTheNextCreateReplaces()
    {
        var (owner, roomId, room) = await NewOwnerAndRoomIdAsync();
        var other = ChatTestClient.UniqueName();
        await fixture.Grains.GetGrain<IUserGrain>(other).RegisterAsync("hash", null);

        // The completing write fails and so does the roll-back's clear: the room stays written, marked as being created.
        FaultInjectingGrainStorage.FailWrites(roomId, skip: 1, count: 2);
        await Assert.ThrowsAsync<ChatException>(() => room.CreateAsync(owner, new RoomSettings("Half", null, IsPrivate: false)));

        await AssertLeavesNothingAsync(owner, roomId, room);
        var created = await room.CreateAsync(other, new RoomSettings("Taken over", null, IsPrivate: true));
        Assert.Equal((other, "Taken over"), (created.Owner, created.Name));
        Assert.Equal("Taken over", (await room.GetAsync(other)).Name);
    }

    [Fact]
    public async Task AddMember_RefusedByTheUsersCapForRoomsOthersAddedThemTo_LeavesTheRoomAsItWas()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync(isPrivate: true);
        var victim = ChatTestClient.UniqueName();
        var user = fixture.Grains.GetGrain<IUserGrain>(victim);
        await user.RegisterAsync("hash", null);
        for (var i = 0; i < 1000; i++)
        {
            await user.AddedToRoomAsync($"elsewhere-{i}");
        }

        var error = await Assert.ThrowsAsync<ChatException>(() => room.AddMemberAsync(owner, victim));

        Assert.Equal(ChatErrorCode.Invalid, error.Code);
        Assert.DoesNotContain(victim, (await room.GetAsync(owner)).Members);
        await user.AddRoomAsync(roomId + "-own");
        Assert.Contains(roomId + "-own", (await user.GetProfileAsync())!.Rooms);
    }

    private async Task<(string Owner, string RoomId, IRoomGrain Room)> NewOwnerAndRoomIdAsync()
    {
        var owner = ChatTestClient.UniqueName();
        await fixture.Grains.GetGrain<IUserGrain>(owner).RegisterAsync("hash", null);
        var roomId = "c-" + Guid.NewGuid().ToString("N")[..12];
        return (owner, roomId, fixture.Grains.GetGrain<IRoomGrain>(roomId));
    }

    private async Task AssertLeavesNothingAsync(string owner, string roomId, IRoomGrain room)
    {
        var missing = await Assert.ThrowsAsync<ChatException>(() => room.GetAsync(owner));
        Assert.Equal(ChatErrorCode.NotFound, missing.Code);
        var listed = await fixture.Grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).ListAsync(owner, new RoomListQuery("Half", null, RoomListQuery.MaxLimit));
        Assert.DoesNotContain(listed.Rooms, r => r.Id == roomId);
        Assert.DoesNotContain(roomId, (await fixture.Grains.GetGrain<IUserGrain>(owner).GetProfileAsync())!.Rooms);
    }
}
