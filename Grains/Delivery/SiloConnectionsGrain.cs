using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Orleans.Concurrency;

namespace Chat.Grains.Delivery;

/// <summary>
/// The grains' door to one silo's connections. Reentrant: every room and user of the cluster may push through it at
/// once, each in its own order. Placed on the silo its key names; activated anywhere else (that silo is gone) it
/// says so, and the senders drop the silo.
/// </summary>
[SiloBoundPlacement, Reentrant]
public sealed class SiloConnectionsGrain(IChatEventSink sink, ILocalSiloDetails silo) : Grain, ISiloConnectionsGrain
{
    private bool _atHome;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _atHome = SiloKeys.SiloOf(this.GetPrimaryKeyString()) is { } home && home.Equals(silo.SiloAddress);
        if (!_atHome)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeliverAsync(IReadOnlyList<ChatEvent> events)
    {
        if (_atHome)
        {
            sink.Deliver(events);
        }

        return Task.FromResult(_atHome);
    }

    public Task<PresenceReport> GetPresenceAsync(Topic topic) =>
        Task.FromResult(_atHome ? sink.Presence(topic) : Gone());

    public Task<PresenceReport> WatchAsync(Topic topic, Guid watcher) =>
        Task.FromResult(_atHome ? sink.Watch(topic, watcher) : Gone());

    public Task UnwatchAsync(Topic topic, Guid watcher)
    {
        if (_atHome)
        {
            sink.Unwatch(topic, watcher);
        }

        return Task.CompletedTask;
    }

    private PresenceReport Gone() => PresenceReport.Empty(SiloKeys.SiloOf(this.GetPrimaryKeyString()) ?? silo.SiloAddress);
}
