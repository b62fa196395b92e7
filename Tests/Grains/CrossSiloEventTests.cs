using System.Threading.Channels;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Streams;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

/// <summary>Room and user events reach relays on both silos of the in-process cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloEventTests(ClusterFixture fixture)
{
    private SiloAddress[] Silos => [.. fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress)];

    [Fact]
    public async Task Presence_ReportedByOneSilo_ReachesRelaysOnBothSilos()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await SubscribeEverywhereAsync(ChatNames.RoomStreamNamespace, roomId);

        await room.SetPresence(RelayKeys.SiloName(Silos[1]), [owner]);
        var joined = await room.Join(owner);

        foreach (var silo in Silos)
        {
            var change = await NextAsync<PresenceChanged>(silo, roomId);
            Assert.Equal((owner, true), (change.UserName, change.Online));
        }

        Assert.Equal([owner], joined.Online);
    }

    [Fact]
    public async Task Presence_ReportedByASiloThatIsNotAClusterMember_IsForgotten()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var ghost = RelayKeys.SiloName(SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1));
        await SubscribeEverywhereAsync(ChatNames.RoomStreamNamespace, roomId);
        await room.SetPresence(ghost, ["ghost-user"]);

        await room.SetPresence(RelayKeys.SiloName(Silos[0]), [owner]);
        var joined = await room.Join(owner);

        Assert.Equal([owner], joined.Online);
        var online = await NextAsync<PresenceChanged>(Silos[0], roomId);
        Assert.Equal(owner, online.UserName);
        Assert.True(online.Online);
    }

    [Fact]
    public async Task Mention_PushesTheNotificationToTheUsersRelayOnTheOtherSilo()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var bob = ChatTestClient.UniqueName("bob");
        await fixture.Grains.GetGrain<IUserGrain>(bob).Register("hash", null);
        await fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.UserStreamNamespace, bob, Silos[1])).Subscribe();
        await fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.RoomStreamNamespace, roomId, Silos[0])).Subscribe();

        var message = await room.Post(owner, $"ping @{bob}", null);

        var received = await NextAsync<NotificationReceived>(Silos[1], bob);
        Assert.Equal((roomId, message.Seq, owner), (received.Notification.RoomId, received.Notification.Seq, received.Notification.From));
        var notice = await NextAsync<RoomNotice>(Silos[0], roomId);
        Assert.Equal($"{bob} was notified.", notice.Text);
    }

    [Fact]
    public async Task Typing_ReachesRelaysOnBothSilos()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await SubscribeEverywhereAsync(ChatNames.RoomStreamNamespace, roomId);

        await room.Typing(owner);

        foreach (var silo in Silos)
        {
            Assert.Equal(owner, (await NextAsync<UserTyping>(silo, roomId)).UserName);
        }
    }

    [Fact]
    public async Task Analysis_NeverHoldsUpTheAcknowledgement()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await SubscribeEverywhereAsync(ChatNames.RoomStreamNamespace, roomId);

        // The analyzer is stuck on this text, yet the send is acknowledged and the next send too.
        var held = await room.Post(owner, $"{GatedMessageAnalyzer.HoldMarker} great news", null);
        var next = await room.Post(owner, "and more", null);
        Assert.Equal((1L, 2L), (held.Seq, next.Seq));
        Assert.Null((await room.GetHistory(owner, new Chat.Grains.Abstractions.Messages.MessageQuery(0, null, 10)))[0].Tags);

        GatedMessageAnalyzer.Release();
        var tagged = await NextAsync<MessageTagged>(Silos[0], roomId, e => e.Seq == held.Seq);
        Assert.Equal(Chat.Grains.Abstractions.Messages.MessageTags.Positive, tagged.Tags.Sentiment);
    }

    private async Task SubscribeEverywhereAsync(string streamNamespace, string id)
    {
        foreach (var silo in Silos)
        {
            await fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(streamNamespace, id, silo)).Subscribe();
        }
    }

    private static async Task<T> NextAsync<T>(SiloAddress silo, string stream, Func<T, bool>? match = null)
        where T : ChatEvent
    {
        var events = RecordingEventSink.EventsOf(silo, stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                if (await events.ReadAsync(timeout.Token) is T found && (match is null || match(found)))
                {
                    return found;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} for '{stream}' reached silo {silo} within 15 s.");
        }
    }
}
