using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Streams;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class RoomRelayTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RelaysOnBothSilos_EachDeliverEveryMessageInOrderToTheirOwnSilo()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var silos = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();
        Assert.Equal(2, silos.Length);

        foreach (var silo in silos)
        {
            // Subscribe only succeeds on the silo the key names: placement puts it there.
            await fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.RoomStreamNamespace, roomId, silo)).Subscribe();
        }

        var posted = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            posted.Add((await room.Post(owner, $"m{i}", null)).Seq);
        }

        foreach (var silo in silos)
        {
            var events = RecordingEventSink.EventsOf(silo, roomId);
            var seqs = new List<long>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (seqs.Count < posted.Count)
            {
                seqs.Add((await NextPostedAsync(events, timeout.Token)).Seq);
            }

            Assert.Equal(posted, seqs);
        }
    }

    [Fact]
    public async Task Subscribe_Again_KeepsOneSubscription_SoEveryMessageArrivesOnce()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var silo = fixture.Cluster.GetActiveSilos().First().SiloAddress;
        var relay = fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.RoomStreamNamespace, roomId, silo));

        await relay.Subscribe();
        await relay.Subscribe();
        await relay.Subscribe();
        var first = await room.Post(owner, "once", null);
        var second = await room.Post(owner, "twice?", null);

        var events = RecordingEventSink.EventsOf(silo, roomId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.Equal(first.Seq, (await NextPostedAsync(events, timeout.Token)).Seq);
        Assert.Equal(second.Seq, (await NextPostedAsync(events, timeout.Token)).Seq);
    }

    [Fact]
    public async Task Unsubscribe_StopsDeliveryToThatSiloOnly()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var silos = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();
        var leaving = fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.RoomStreamNamespace, roomId, silos[0]));
        var staying = fixture.Grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(ChatNames.RoomStreamNamespace, roomId, silos[1]));
        await leaving.Subscribe();
        await staying.Subscribe();
        var first = await room.Post(owner, "to both", null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var leavingEvents = RecordingEventSink.EventsOf(silos[0], roomId);
        var stayingEvents = RecordingEventSink.EventsOf(silos[1], roomId);
        Assert.Equal(first.Seq, (await NextPostedAsync(leavingEvents, timeout.Token)).Seq);
        Assert.Equal(first.Seq, (await NextPostedAsync(stayingEvents, timeout.Token)).Seq);

        await leaving.Unsubscribe();
        await room.Post(owner, "only to the staying silo", null);
        var last = await room.Post(owner, "and this too", null);

        // Once the staying silo has the last message, the stream has handed out everything before it.
        Assert.Equal(first.Seq + 1, (await NextPostedAsync(stayingEvents, timeout.Token)).Seq);
        Assert.Equal(last.Seq, (await NextPostedAsync(stayingEvents, timeout.Token)).Seq);
        while (leavingEvents.TryRead(out var late))
        {
            Assert.False(late is MessagePosted posted && posted.Message.Seq > first.Seq, $"message {(late as MessagePosted)?.Message.Seq} reached the silo that unsubscribed");
        }

        Assert.False(await leaving.IsSubscribed());
    }

    /// <summary>The next message posted, skipping other events (tags, presence) that share the stream.</summary>
    private static async Task<Chat.Grains.Abstractions.Messages.ChatMessage> NextPostedAsync(
        System.Threading.Channels.ChannelReader<ChatEvent> events, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await events.ReadAsync(cancellationToken) is MessagePosted posted)
            {
                return posted.Message;
            }
        }
    }
}
