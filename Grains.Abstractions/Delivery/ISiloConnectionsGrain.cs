using Chat.Grains.Abstractions.Events;

namespace Chat.Grains.Abstractions.Delivery;

/// <summary>
/// One silo's connections, as grains see them (key: the silo, see <c>SiloKeys</c>). Rooms and users push their events
/// here, one ordered batch at a time per silo, and ask it who listens when they activate. It lives on the silo its
/// key names; on any other silo (its own died) it answers that the silo is gone.
/// </summary>
[Alias("chat.silo-connections")]
public interface ISiloConnectionsGrain : IGrainWithStringKey
{
    /// <summary>Hands events to the silo's local connections; false when the silo is gone, so the sender forgets it.</summary>
    [Alias("deliver")]
    Task<bool> DeliverAsync(IReadOnlyList<ChatEvent> events);

    /// <summary>Who listens to <paramref name="topic"/> through this silo right now.</summary>
    [Alias("presence")]
    Task<PresenceReport> GetPresenceAsync(Topic topic);

    /// <summary>
    /// Who listens to a user's <paramref name="topic"/> through this silo right now, and from now on a report to the
    /// user's grain whenever that changes, until <see cref="UnwatchAsync"/> with the same <paramref name="watcher"/>. A
    /// silo reports a user's presence only while the user's grain watches, so a connection never activates it.
    /// </summary>
    [Alias("watch")]
    Task<PresenceReport> WatchAsync(Topic topic, Guid watcher);

    /// <summary>Stops the reports <see cref="WatchAsync"/> started, unless a newer watcher (a later activation) took over.</summary>
    [Alias("unwatch")]
    Task UnwatchAsync(Topic topic, Guid watcher);
}
