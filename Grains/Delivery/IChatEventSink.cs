using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;

namespace Chat.Grains.Delivery;

/// <summary>
/// Where a front silo keeps its connections (the SignalR hub in <c>Api</c>). <see cref="Deliver"/> is synchronous on
/// purpose: it hands the events to the connections' send queues and returns. It never waits for a client, and never
/// calls a grain in the caller's turn, so a room pushing events can never wait on itself through a front silo.
/// </summary>
public interface IChatEventSink
{
    /// <summary>Sends each event to the local connections of its room or user, in order.</summary>
    void Deliver(IReadOnlyList<ChatEvent> events);

    /// <summary>Who listens to a topic through this silo right now.</summary>
    PresenceReport Presence(Topic topic);

    /// <summary>Who listens to a user's topic now; from now on its changes are reported to the user's grain (see <see cref="ISiloConnectionsGrain.WatchAsync"/>).</summary>
    PresenceReport Watch(Topic topic, Guid watcher);

    /// <summary>Stops the reports of <see cref="Watch"/> if <paramref name="watcher"/> is still the topic's watcher.</summary>
    void Unwatch(Topic topic, Guid watcher);
}
