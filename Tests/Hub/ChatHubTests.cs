using Chat.Api.Hubs;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Hub;

[Collection(AppCollection.Name)]
public sealed class ChatHubTests(AppFixture app)
{

    [Fact]
    public async Task TwoUsersInOneRoom_SeeEachOthersMessagesInSeqOrder()
    {
        await using var scene = await TwoMembers.StartAsync(app);
        var (alice, bob, room, aliceHub, bobHub) = (scene.Alice, scene.Bob, scene.Room, scene.AliceHub, scene.BobHub);

        var sent = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var sender = i % 2 == 0 ? aliceHub : bobHub;
            sent.Add((await sender.SendAsync(room.Id, $"line {i}", $"c{i}")).Seq);
        }

        var seenByAlice = await aliceHub.NextMessagesAsync(6);
        var seenByBob = await bobHub.NextMessagesAsync(6);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], sent);
        Assert.Equal(sent, seenByAlice.Select(m => m.Seq));
        Assert.Equal(sent, seenByBob.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? alice.UserName : bob.UserName), seenByBob.Select(m => m.Author));
    }

    [Fact]
    public async Task RestPost_ReachesHubClients()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var bobHub = await bob.Hub().StartAsync();
        await bobHub.JoinAsync(room.Id);

        var posted = await alice.PostAsync(room.Id, "over plain HTTP");

        Assert.Equal(posted, await bobHub.NextMessageAsync());
    }

    [Fact]
    public async Task Join_ReturnsRoomRecentWindowAndLastSeq()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        for (var i = 1; i <= 3; i++)
        {
            await alice.PostAsync(room.Id, $"before {i}");
        }

        await using var bobHub = await bob.Hub().StartAsync();
        var joined = await bobHub.JoinAsync(room.Id);

        Assert.Equal(room.Id, joined.Room.Id);
        Assert.Equal(3, joined.LastSeq);
        Assert.Equal(["before 1", "before 2", "before 3"], joined.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task SendMessage_ReturnsTheStoredMessage_AndRetryIsIdempotent()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);

        var ack = await hub.SendAsync(room.Id, "  acked  ", "retry-me");
        var retry = await hub.SendAsync(room.Id, "acked", "retry-me");

        Assert.Equal("acked", ack.Text);
        Assert.Equal(ack.Untagged(), retry.Untagged());
        Assert.Equal([ack.Untagged()], (await alice.HistoryAsync(room.Id)).Untagged());
    }

    [Fact]
    public async Task PrivateRoom_NonMember_CannotJoinOrSend()
    {
        using var owner = await app.NewUserAsync();
        using var outsider = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(isPrivate: true);
        await using var hub = await outsider.Hub().StartAsync();

        await HubAssert.FailsWithAsync("Forbidden", () => hub.JoinAsync(room.Id));
        await HubAssert.FailsWithAsync("Forbidden", () => hub.SendAsync(room.Id, "hi"));

        Assert.Empty(await ListenersHereAsync(room.Id));
    }

    [Fact]
    public async Task EveryMethodTakingARoomId_RefusesAMalformedOne_BeforeReachingARoom()
    {
        using var alice = await app.NewUserAsync();
        await using var hub = await alice.Hub().StartAsync();
        const string bad = "Not A Room";

        await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync<JoinResult>("JoinRoom", bad));
        await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync("LeaveRoom", bad));
        await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync("Typing", bad));
        await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync<ChatMessage>("EditMessage", bad, 1L, "text"));
        await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync<ChatMessage>("DeleteMessage", bad, 1L));
        var error = await HubAssert.FailsWithAsync("Invalid", () => hub.Connection.InvokeAsync<RoomReadState>("MarkRead", bad, 1L));

        Assert.Contains(ChatLimits.RoomIdRule, error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    [Theory]
    [InlineData("Bad Id", "text")]
    [InlineData("ok-room", "")]
    public async Task BadInput_GetsAHubError_AndTheConnectionStaysUsable(string roomId, string text)
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync("ok-room-" + Guid.NewGuid().ToString("N")[..6]);
        await using var hub = await alice.Hub().StartAsync();
        var target = roomId == "ok-room" ? room.Id : roomId;

        await HubAssert.FailsWithAsync("Invalid", () => hub.SendAsync(target, text));

        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
        Assert.Equal(1, (await hub.SendAsync(room.Id, "still fine")).Seq);
    }

    [Fact]
    public async Task Hub_WithoutToken_IsRefused()
    {
        await using var anonymous = new HubClient(new Uri(app.Factory.BaseAddress, "/hubs/chat"), "");

        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task Leave_RemovesTheConnectionFromDelivery_AndLastLeaveStopsTheSilosPresence()
    {
        await using var scene = await TwoMembers.StartAsync(app);
        var (alice, bob, room, aliceHub, bobHub) = (scene.Alice, scene.Bob, scene.Room, scene.AliceHub, scene.BobHub);
        Assert.Equal(new[] { alice.UserName, bob.UserName }.Order(StringComparer.Ordinal), await ListenersHereAsync(room.Id));

        await bobHub.LeaveAsync(room.Id);
        await alice.PostAsync(room.Id, "after bob left");
        await alice.PostAsync(room.Id, "and again");

        Assert.Equal(2, (await aliceHub.NextMessagesAsync(2)).Count);
        Assert.Empty(bobHub.Drain());
        Assert.Equal([alice.UserName], await ListenersHereAsync(room.Id));

        await aliceHub.LeaveAsync(room.Id);

        Assert.Empty(await ListenersHereAsync(room.Id));
    }

    [Fact]
    public async Task Disconnect_RemovesTheConnectionFromDelivery_AndFromPresence()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);
        Assert.Equal([alice.UserName], await ListenersHereAsync(room.Id));

        await hub.DisposeAsync();

        await WaitUntilAsync(async () => (await ListenersHereAsync(room.Id)).Count == 0, "the closed connection to leave the room");
    }

    [Fact]
    public async Task RejoinAfterLastLeave_SubscribesAgainAndDelivers()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);
        await hub.LeaveAsync(room.Id);

        await hub.JoinAsync(room.Id);
        var posted = await alice.PostAsync(room.Id, "welcome back");

        Assert.Equal(posted, await hub.NextMessageAsync());
    }

    [Fact]
    public async Task RemovedMember_IsDroppedFromLiveDeliveryOfAPrivateRoom()
    {
        using var owner = await app.NewUserAsync();
        using var member = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(isPrivate: true);
        await owner.AddMemberAsync(room.Id, member.UserName);
        await using var ownerHub = await owner.Hub().StartAsync();
        await using var memberHub = await member.Hub().StartAsync();
        await ownerHub.JoinAsync(room.Id);
        await memberHub.JoinAsync(room.Id);

        await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{member.UserName}", UriKind.Relative));

        Assert.Equal(room.Id, await memberHub.NextClosedRoomAsync());
        await owner.PostAsync(room.Id, "members only now");
        await ownerHub.NextMessageAsync();
        Assert.Empty(memberHub.Drain());
    }

    [Fact]
    public async Task ManyConnectionsOnOneSilo_AreOneListener_AndEachGetsEveryMessageOnce()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var hubs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => alice.Hub().StartAsync()));
        try
        {
            await Task.WhenAll(hubs.Select(h => h.JoinAsync(room.Id)));
            var posted = await alice.PostAsync(room.Id, "to all five");

            foreach (var hub in hubs)
            {
                Assert.Equal(posted, await hub.NextMessageAsync());
            }

            var next = await alice.PostAsync(room.Id, "and again");
            foreach (var hub in hubs)
            {
                Assert.Equal(next, await hub.NextMessageAsync());
                Assert.Empty(hub.Drain());
            }

            Assert.Equal([alice.UserName], await ListenersHereAsync(room.Id));
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    /// <summary>Who this silo tells grains listens to the room: what an activating room asks every silo.</summary>
    private async Task<IReadOnlyList<string>> ListenersHereAsync(string roomId)
    {
        var silo = app.Factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var connections = app.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISiloConnectionsGrain>(SiloKeys.Connections(silo));
        return (await connections.GetPresenceAsync(Topic.Room(roomId))).Users;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
