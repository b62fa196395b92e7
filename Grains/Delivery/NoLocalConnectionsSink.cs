using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;

namespace Chat.Grains.Delivery;

/// <summary>The sink of a silo without clients (a back silo): events have nowhere to go and nobody listens.</summary>
public sealed class NoLocalConnectionsSink(ILocalSiloDetails silo) : IChatEventSink
{
    public void Deliver(IReadOnlyList<ChatEvent> events)
    {
    }

    public PresenceReport Presence(Topic topic) => PresenceReport.Empty(silo.SiloAddress);

    public PresenceReport Watch(Topic topic, Guid watcher) => PresenceReport.Empty(silo.SiloAddress);

    public void Unwatch(Topic topic, Guid watcher)
    {
    }
}
