using System.Threading.Channels;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Chat.Tests.Grains;

/// <summary>Rooms and users push their events to the silos that report listeners, in order, on a two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloEventTests(ClusterFixture fixture)
{
    private SiloAddress[] Silos => [.. fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress)];

    [Fact]
    public async Task Messages_ReachEverySiloWithListeners_InSeqOrder()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await room.JoinAsync(owner, RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[1], Topic.Room(roomId), owner));

        var posted = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            posted.Add((await room.PostAsync(owner, $"m{i}", null)).Seq);
        }

        foreach (var silo in Silos)
        {
            var seqs = new List<long>();
            while (seqs.Count < posted.Count)
            {
                seqs.Add((await NextAsync<MessagePosted>(silo, roomId)).Message.Seq);
            }

            Assert.Equal(posted, seqs);
        }
    }

    [Fact]
    public async Task ASiloWhoseListenersLeft_GetsNoMoreEvents_WhileTheOtherStillDoes()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[1], Topic.Room(roomId), owner));
        var first = await room.PostAsync(owner, "to both", null);
        Assert.Equal(first.Seq, (await NextAsync<MessagePosted>(Silos[0], roomId)).Message.Seq);
        Assert.Equal(first.Seq, (await NextAsync<MessagePosted>(Silos[1], roomId)).Message.Seq);

        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId)));
        await room.PostAsync(owner, "only to the staying silo", null);
        var last = await room.PostAsync(owner, "and this too", null);

        // Once the staying silo has the last message, every earlier push has been made.
        Assert.Equal(last.Seq, (await NextAsync<MessagePosted>(Silos[1], roomId, e => e.Message.Seq == last.Seq)).Message.Seq);
        var leftover = RecordingEventSink.EventsOf(Silos[0], roomId);
        while (leftover.TryRead(out var late))
        {
            Assert.False(late is MessagePosted posted && posted.Message.Seq > first.Seq, $"message {(late as MessagePosted)?.Message.Seq} reached the silo whose listeners left");
        }
    }

    [Fact]
    public async Task AReactivatedRoom_AsksTheSilosWhoListens_AndPushesToThemWithoutANewReport()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[1], Topic.Room(roomId), owner));

        // The room forgets its in-memory presence when it deactivates; nobody reports again.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var posted = await room.PostAsync(owner, "after reactivation", null);

        Assert.Equal(posted.Seq, (await NextAsync<MessagePosted>(Silos[1], roomId, e => e.Message.Seq == posted.Seq)).Message.Seq);
    }

    [Fact]
    public async Task AnOlderPresenceReport_DoesNotUndoANewerOne()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var older = RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner);
        var newer = RecordingEventSink.Listen(Silos[0], Topic.Room(roomId));

        await room.SetPresenceAsync(newer);
        await room.SetPresenceAsync(older);

        Assert.Empty((await room.JoinAsync(owner, RecordingEventSink.Listen(Silos[1], Topic.Room(roomId)))).Online);
    }

    [Fact]
    public async Task Presence_ReportedByOneSilo_IsAnnouncedOnBothSilos()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var other = ChatTestClient.UniqueName("watcher");
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), other));

        var joined = await room.JoinAsync(owner, RecordingEventSink.Listen(Silos[1], Topic.Room(roomId), owner));

        foreach (var silo in Silos)
        {
            var change = await NextAsync<PresenceChanged>(silo, roomId, c => c.UserName == owner);
            Assert.True(change.Online);
        }

        Assert.Equal(new[] { other, owner }.Order(StringComparer.Ordinal), joined.Online);
    }

    [Fact]
    public async Task Presence_ReportedByASiloThatIsNotAClusterMember_IsForgotten()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var ghost = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1);
        await room.SetPresenceAsync(new PresenceReport(ghost, 1, ["ghost-user"]));

        var joined = await room.JoinAsync(owner, RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));

        Assert.Equal([owner], joined.Online);
    }

    [Fact]
    public async Task Mention_PushesTheNotificationToTheSiloWhereTheUserListens()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var bob = ChatTestClient.UniqueName("bob");
        await fixture.Grains.GetGrain<IUserGrain>(bob).RegisterAsync("hash", null);
        await fixture.Grains.GetGrain<IUserGrain>(bob).SetPresenceAsync(RecordingEventSink.Listen(Silos[1], Topic.User(bob), bob));
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));

        var message = await room.PostAsync(owner, $"ping @{bob}", null);

        var received = await NextAsync<NotificationReceived>(Silos[1], bob);
        Assert.Equal((roomId, message.Seq, owner), (received.Notification.RoomId, received.Notification.Seq, received.Notification.From));
        var notice = await NextAsync<RoomNotice>(Silos[0], roomId);
        Assert.Equal($"{bob} was notified.", notice.Text);
    }

    [Fact]
    public async Task AUserGrain_WatchesEverySiloWhileActive_AndUndoesOnlyItsOwnWatchWhenItDeactivates()
    {
        var bob = ChatTestClient.UniqueName("bob");
        var user = fixture.Grains.GetGrain<IUserGrain>(bob);
        await user.RegisterAsync("hash", null);
        var topic = Topic.User(bob);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.All(Silos, silo => Assert.Null(RecordingEventSink.WatcherOf(silo, topic)));

        await user.GetProfileAsync();
        var first = RecordingEventSink.WatcherOf(Silos[0], topic);
        Assert.NotNull(first);
        Assert.Equal(first, RecordingEventSink.WatcherOf(Silos[1], topic));

        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.All(Silos, silo => Assert.Null(RecordingEventSink.WatcherOf(silo, topic)));

        await user.GetProfileAsync();
        var second = RecordingEventSink.WatcherOf(Silos[0], topic);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(second, RecordingEventSink.WatcherOf(Silos[1], topic));
    }

    [Fact]
    public async Task AMentionedUser_ConnectedToASiloThatJoinedAfterTheGrainActivated_IsPushedTheNotification()
    {
        var (_, roomId, owner) = await fixture.NewRoomAsync();
        var bob = ChatTestClient.UniqueName("bob");
        var user = fixture.Grains.GetGrain<IUserGrain>(bob);
        await user.RegisterAsync("hash", null);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await user.GetProfileAsync();
        var watcher = RecordingEventSink.WatcherOf(Silos[0], Topic.User(bob));
        Assert.NotNull(watcher);

        var added = await fixture.Cluster.StartAdditionalSiloAsync();
        try
        {
            await EverySiloSeesActiveAsync((InProcessSiloHandle)added);
            // Connected there only: no report reaches the grain (the new silo was never asked), so it must ask itself.
            RecordingEventSink.Listen(added.SiloAddress, Topic.User(bob), bob);
            var result = await user.NotifyAsync(new MentionDraft(roomId, 1, owner, "ping", DateTimeOffset.UtcNow));

            Assert.True(result.Online);
            Assert.Equal(watcher, RecordingEventSink.WatcherOf(added.SiloAddress, Topic.User(bob)));
            var received = await NextAsync<NotificationReceived>(added.SiloAddress, bob);
            Assert.Equal((roomId, 1L), (received.Notification.RoomId, received.Notification.Seq));
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(added);
        }
    }

    [Fact]
    public async Task Typing_ReachesBothSilos()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[1], Topic.Room(roomId), owner));

        await room.TypingAsync(owner);

        foreach (var silo in Silos)
        {
            Assert.Equal(owner, (await NextAsync<UserTyping>(silo, roomId)).UserName);
        }
    }

    [Fact]
    public async Task Analysis_NeverHoldsUpTheAcknowledgement()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        await room.SetPresenceAsync(RecordingEventSink.Listen(Silos[0], Topic.Room(roomId), owner));

        // The analyzer is stuck on this text, yet the send is acknowledged and the next send too.
        var held = await room.PostAsync(owner, $"{GatedMessageAnalyzer.HoldMarker} great news", null);
        var next = await room.PostAsync(owner, "and more", null);
        Assert.Equal((1L, 2L), (held.Seq, next.Seq));
        Assert.Null((await room.GetHistoryAsync(owner, new MessageQuery(0, null, 10)))[0].Tags);

        GatedMessageAnalyzer.Release();
        var tagged = await NextAsync<MessageTagged>(Silos[0], roomId, e => e.Seq == held.Seq);
        Assert.Equal(MessageTags.Positive, tagged.Tags.Sentiment);
    }

    /// <summary>Waits until every silo's own view of the membership has the added silo active (read from the table, no timer).</summary>
    private async Task EverySiloSeesActiveAsync(InProcessSiloHandle added)
    {
        var version = Membership(added).CurrentSnapshot.Version;
        foreach (var silo in fixture.Cluster.Silos.OfType<InProcessSiloHandle>())
        {
            await Membership(silo).Refresh(version);
            Assert.Equal(SiloStatus.Active, Membership(silo).CurrentSnapshot.GetSiloStatus(added.SiloAddress));
        }

        static IClusterMembershipService Membership(InProcessSiloHandle silo) => silo.SiloHost.Services.GetRequiredService<IClusterMembershipService>();
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
