using System.Net;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Delivery;

namespace Chat.Tests.Delivery;

public sealed class TopicPresenceTests
{
    private static readonly SiloAddress SiloA = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress SiloB = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Fact]
    public void AUserIsOnlineWhileAnyLiveSiloReportsThem_AndEachComingAndGoingIsSaidOnce()
    {
        var presence = new TopicPresence(new Liveness(SiloA, SiloB));

        Assert.Equal(["ann"], presence.Apply(new PresenceReport(SiloA, 1, ["ann"])).CameOnline);
        Assert.Empty(presence.Apply(new PresenceReport(SiloB, 2, ["ann", "bob"])).WentOffline);
        var change = presence.Apply(new PresenceReport(SiloA, 3, []));

        Assert.Equal((string[])[], change.CameOnline);
        Assert.Equal((string[])[], change.WentOffline);
        Assert.Equal(["ann", "bob"], presence.Online());
        Assert.Equal([SiloB], presence.Silos());
    }

    [Fact]
    public void AnOlderReport_IsIgnored_EvenAfterTheSiloReportedNobody()
    {
        var presence = new TopicPresence(new Liveness(SiloA));
        presence.Apply(new PresenceReport(SiloA, 5, []));

        var change = presence.Apply(new PresenceReport(SiloA, 4, ["ann"]));

        Assert.Empty(change.CameOnline);
        Assert.Empty(presence.Online());
        Assert.False(presence.IsListenedTo);
    }

    [Fact]
    public void ADeadSilo_IsLeftOut_AndForgettingItSaysWhoWentOffline()
    {
        var liveness = new Liveness(SiloA, SiloB);
        var presence = new TopicPresence(liveness);
        presence.Apply(new PresenceReport(SiloA, 1, ["ann"]));
        presence.Apply(new PresenceReport(SiloB, 2, ["bob"]));

        liveness.Kill(SiloB);

        Assert.Equal(["ann"], presence.Online());
        Assert.Equal([SiloA], presence.Silos());
        Assert.Equal(["ann"], presence.Forget(SiloA).WentOffline);
    }

    private sealed class Liveness(params SiloAddress[] alive) : ISiloLiveness
    {
        private readonly HashSet<SiloAddress> _alive = [.. alive];

        public void Kill(SiloAddress silo) => _alive.Remove(silo);

        public bool IsAlive(SiloAddress silo) => _alive.Contains(silo);

        public IReadOnlyList<SiloAddress> ActiveSilos() => [.. _alive];
    }
}
