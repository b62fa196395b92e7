using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

/// <summary>
/// Read positions move with every message a member sees; they are written at most once per
/// <c>Chat:Users:ReadPositionWriteDelay</c> (5 s here), carried by any other write, and written on deactivation.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadPositionWriteTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ManyReadMarks_AreOneWrite_AndDeactivationWritesTheLastOne()
    {
        var (_, roomId, owner) = await fixture.NewRoomAsync();
        var user = fixture.Grains.GetGrain<IUserGrain>(owner);
        var before = FaultInjectingGrainStorage.WritesOf(owner);

        for (var seq = 1; seq <= 30; seq++)
        {
            Assert.Equal(seq, (await user.MarkReadAsync(roomId, seq)).LastReadSeq);
        }

        // Thirty marks within the delay are at most one write (none yet, or the timer's one on a slow machine).
        Assert.InRange(FaultInjectingGrainStorage.WritesOf(owner) - before, 0, 1);

        await fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var profile = await user.GetProfileAsync();

        Assert.Equal(1, FaultInjectingGrainStorage.WritesOf(owner) - before);
        Assert.Equal(30, profile!.ReadStates!.Single(r => r.RoomId == roomId).LastReadSeq);
    }

    [Fact]
    public async Task AWaitingReadMark_IsWrittenByItsTimer_WithoutDeactivation()
    {
        var (_, roomId, owner) = await fixture.NewRoomAsync();
        var user = fixture.Grains.GetGrain<IUserGrain>(owner);
        var before = FaultInjectingGrainStorage.WritesOf(owner);

        await user.MarkReadAsync(roomId, 7);
        await user.MarkReadAsync(roomId, 9);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (FaultInjectingGrainStorage.WritesOf(owner) == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the read position was not written within 30 s (the delay is 5 s)");
            await Task.Delay(100);
        }

        Assert.Equal(1, FaultInjectingGrainStorage.WritesOf(owner) - before);
    }

    [Fact]
    public async Task AnotherWrite_CarriesAWaitingReadMark_SoTheTimerWritesNothingMore()
    {
        var (_, roomId, owner) = await fixture.NewRoomAsync();
        var (_, otherRoomId, _) = await fixture.NewRoomAsync();
        var user = fixture.Grains.GetGrain<IUserGrain>(owner);

        await user.MarkReadAsync(roomId, 4);
        var before = FaultInjectingGrainStorage.WritesOf(owner);
        await user.AddRoomAsync(otherRoomId); // a write of its own: it carries the read position along
        await fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var profile = await user.GetProfileAsync();

        Assert.Equal(1, FaultInjectingGrainStorage.WritesOf(owner) - before);
        Assert.Equal(4, profile!.ReadStates!.Single(r => r.RoomId == roomId).LastReadSeq);
    }
}
