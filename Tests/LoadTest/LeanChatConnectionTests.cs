using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.LoadTest;

/// <summary>The load tool's own hub client against the real front silo (loopback, random port).</summary>
[Collection(AppCollection.Name)]
public sealed class LeanChatConnectionTests(AppFixture app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Join_ReturnsTheLastSeq_AndMessagesArrive_WithSeqAuthorAndClientId_ButNoOtherEvent()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await alice.AddMemberAsync(room.Id, bob.UserName);
        await alice.PostAsync(room.Id, "before");
        await alice.PostAsync(room.Id, "before, too");
        var aliceSeen = new DeliveryRecorder();
        var bobSeen = new DeliveryRecorder();
        await using var aliceConnection = Connect(alice, aliceSeen);
        await using var bobConnection = Connect(bob, bobSeen);

        Assert.Equal(2, await aliceConnection.ConnectAndJoinAsync(room.Id, CancellationToken.None));
        Assert.Equal(2, await bobConnection.ConnectAndJoinAsync(room.Id, CancellationToken.None)); // alice sees bob arrive: an event to skip
        await bobConnection.SendMessageAsync(room.Id, "hello \"alice\" \u00e9\u4e2d\n", "run1.7.1.12345", CancellationToken.None);
        await aliceConnection.SendMessageAsync(room.Id, "hi bob", "run1.3.1.67890", CancellationToken.None);

        Assert.Equal((3L, false, "run1.7.1.12345"), await aliceSeen.NextAsync());
        Assert.Equal((4L, true, "run1.3.1.67890"), await aliceSeen.NextAsync());
        Assert.Equal((3L, true, "run1.7.1.12345"), await bobSeen.NextAsync());
        Assert.Equal((4L, false, "run1.3.1.67890"), await bobSeen.NextAsync());
        Assert.False(aliceSeen.Deliveries.Reader.TryRead(out _), "an event other than MessageReceived was reported as a message");
    }

    [Fact]
    public async Task ARefusedSend_ThrowsTheHubsRefusal_AndTheConnectionStaysUsable()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var seen = new DeliveryRecorder();
        await using var connection = Connect(alice, seen);
        await connection.ConnectAndJoinAsync(room.Id, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.SendMessageAsync("no-such-room-" + Guid.NewGuid().ToString("N")[..8], "x", "run1.1.1.1", CancellationToken.None));
        await connection.SendMessageAsync(room.Id, "still here", "run1.1.2.2", CancellationToken.None);

        Assert.Equal("NotFound", ErrorClassifier.Classify(refused));
        Assert.Equal((1L, true, "run1.1.2.2"), await seen.NextAsync());
    }

    [Fact]
    public async Task AStaleToken_IsRefused_AndDisposing_ClosesWithoutAnError_AndLaterSendsAreNotConnected()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var refusedSeen = new DeliveryRecorder();
        await using (var refused = new LeanChatConnection(new Uri(alice.BaseAddress, "/hubs/chat"), alice.UserName, "not-a-token", refusedSeen))
        {
            await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => refused.ConnectAndJoinAsync(room.Id, CancellationToken.None));
        }

        var seen = new DeliveryRecorder();
        var connection = Connect(alice, seen);
        await connection.ConnectAndJoinAsync(room.Id, CancellationToken.None);

        await connection.DisposeAsync();

        Assert.Null(await seen.Closed.Task.WaitAsync(Wait));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.SendMessageAsync(room.Id, "x", "run1.1.1.1", CancellationToken.None));
        Assert.Equal("NotConnected", ErrorClassifier.Classify(error));
    }

    private static LeanChatConnection Connect(ChatTestClient user, DeliveryRecorder recorder) =>
        new(new Uri(user.BaseAddress, "/hubs/chat"), user.UserName, user.Token, recorder);
}
