using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Hub;

/// <summary>
/// An access change that takes away a room's last connection on its silo: the removed connection hears
/// <c>RoomClosed</c> at once, and the room goes on without a stall (no grain waits on itself).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessChangeTests(AppFixture app)
{
    /// <summary>Generous for a loaded machine; the stall this guards against lasted Orleans' 30 s response timeout.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task RemovingTheOnlyConnectedMember_ClosesTheRoomForThem_AndOthersJoinAndReceiveAtOnce()
    {
        using var owner = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        using var carol = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(isPrivate: true);
        await owner.AddMemberAsync(room.Id, bob.UserName);
        await owner.AddMemberAsync(room.Id, carol.UserName);
        await using var bobHub = await bob.Hub().StartAsync();
        await bobHub.JoinAsync(room.Id);

        var removed = await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{bob.UserName}", UriKind.Relative));
        await ChatTestClient.EnsureStatusAsync(removed, HttpStatusCode.OK);

        Assert.Equal(room.Id, await bobHub.NextClosedRoomAsync(Prompt));
        await AssertRoomGoesOnAsync(owner, carol, room.Id, bobHub);
    }

    [Fact]
    public async Task MakingTheRoomPrivate_ClosesItForTheOnlyConnectedNonMember_AndMembersJoinAndReceiveAtOnce()
    {
        using var owner = await app.NewUserAsync();
        using var outsider = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();
        await using var outsiderHub = await outsider.Hub().StartAsync();
        await outsiderHub.JoinAsync(room.Id);

        var patched = await owner.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { isPrivate = true });
        await ChatTestClient.EnsureStatusAsync(patched, HttpStatusCode.OK);

        Assert.Equal(room.Id, await outsiderHub.NextClosedRoomAsync(Prompt));
        await AssertRoomGoesOnAsync(owner, owner, room.Id, outsiderHub);
    }

    [Fact]
    public async Task DeletingTheRoom_ClosesItForTheOnlyConnection_AndARoomRecreatedWithItsIdWorksAtOnce()
    {
        using var owner = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();
        await using var bobHub = await bob.Hub().StartAsync();
        await bobHub.JoinAsync(room.Id);

        var deleted = await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));
        await ChatTestClient.EnsureStatusAsync(deleted, HttpStatusCode.NoContent);

        Assert.Equal(room.Id, await bobHub.NextClosedRoomAsync(Prompt));
        await owner.CreateRoomAsync(room.Id);
        await AssertRoomGoesOnAsync(owner, bob, room.Id, closed: null);
    }

    /// <summary>A member joins and receives promptly; the connection that lost access receives nothing more.</summary>
    private static async Task AssertRoomGoesOnAsync(ChatTestClient owner, ChatTestClient member, string roomId, HubClient? closed)
    {
        await using var memberHub = await member.Hub().StartAsync();
        var clock = Stopwatch.StartNew();
        await memberHub.JoinAsync(roomId).WaitAsync(Prompt);
        var posted = await owner.PostAsync(roomId, "still going");
        Assert.Equal(posted, await memberHub.NextMessageAsync(Prompt));
        Assert.True(clock.Elapsed < Prompt, $"joining and receiving took {clock.Elapsed}");
        if (closed is not null)
        {
            Assert.Empty(closed.Drain());
        }
    }
}
