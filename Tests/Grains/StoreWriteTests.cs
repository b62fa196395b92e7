using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

/// <summary>
/// Who listens where is kept in memory: joins, leaves, presence reports and a room's re-activation cost no grain-state
/// write, however often they happen (before, every subscription was pub-sub state in the store).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreWriteTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Joins_PresenceReports_AndReactivation_WriteNothingToTheStore()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        var bob = ChatTestClient.UniqueName("bob");
        await fixture.Grains.GetGrain<IUserGrain>(bob).RegisterAsync("hash", null);
        var silos = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();

        // The first join puts the room in the owner's list (one user write); take the counts after it.
        await room.JoinAsync(owner, RecordingEventSink.Listen(silos[0], Topic.Room(roomId), owner));
        var roomWrites = FaultInjectingGrainStorage.WritesOf(roomId);
        var ownerWrites = FaultInjectingGrainStorage.WritesOf(owner);
        Assert.True(roomWrites > 0 && ownerWrites > 0, "the counter sees the writes of creating the room and joining it");

        for (var i = 0; i < 50; i++)
        {
            var silo = silos[i % silos.Length];
            await room.SetPresenceAsync(RecordingEventSink.Listen(silo, Topic.Room(roomId), i % 2 == 0 ? [owner, bob] : [owner]));
            await room.JoinAsync(owner, RecordingEventSink.Listen(silo, Topic.Room(roomId), owner));
            await fixture.Grains.GetGrain<IUserGrain>(owner).SetPresenceAsync(RecordingEventSink.Listen(silo, Topic.User(owner), i % 2 == 0 ? [owner] : []));
        }

        await fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var rejoined = await room.JoinAsync(owner, RecordingEventSink.Listen(silos[1], Topic.Room(roomId), owner));

        Assert.Contains(owner, rejoined.Online);
        Assert.Equal(roomWrites, FaultInjectingGrainStorage.WritesOf(roomId));
        Assert.Equal(ownerWrites, FaultInjectingGrainStorage.WritesOf(owner));
    }
}
