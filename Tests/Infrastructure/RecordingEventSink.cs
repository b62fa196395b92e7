using System.Collections.Concurrent;
using System.Threading.Channels;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Delivery;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The test cluster's stand-in for the hub: records, per silo, the events pushed to it for each room or user, and
/// answers "who listens here" from what a test declared with <see cref="Listen"/>.
/// </summary>
public sealed class RecordingEventSink(ILocalSiloDetails silo) : IChatEventSink
{
    private static readonly ConcurrentDictionary<(SiloAddress Silo, string Stream), Channel<ChatEvent>> Received = new();
    private static readonly ConcurrentDictionary<(SiloAddress Silo, Topic Topic), string[]> Listening = new();
    private static readonly ConcurrentDictionary<(SiloAddress Silo, Topic Topic), Guid> Watchers = new();
    private static long _version;

    /// <summary>Events pushed to a silo for a room (or, with a user name, for that user).</summary>
    public static ChannelReader<ChatEvent> EventsOf(SiloAddress silo, string roomIdOrUser) => Channel(silo, roomIdOrUser).Reader;

    /// <summary>The activation of the topic's grain that watches it on a silo, if one does.</summary>
    public static Guid? WatcherOf(SiloAddress silo, Topic topic) => Watchers.TryGetValue((silo, topic), out var watcher) ? watcher : null;

    /// <summary>Declares who listens to a topic on a silo and returns the report that silo would send.</summary>
    public static PresenceReport Listen(SiloAddress silo, Topic topic, params string[] users)
    {
        Listening[(silo, topic)] = users;
        return new PresenceReport(silo, Interlocked.Increment(ref _version), users);
    }

    public void Deliver(IReadOnlyList<ChatEvent> events)
    {
        foreach (var chatEvent in events)
        {
            var stream = chatEvent switch
            {
                RoomEvent room => room.RoomId,
                UserEvent user => user.UserName,
                _ => "",
            };
            Channel(silo.SiloAddress, stream).Writer.TryWrite(chatEvent);
        }
    }

    public PresenceReport Presence(Topic topic) =>
        new(silo.SiloAddress, Interlocked.Increment(ref _version), Listening.GetValueOrDefault((silo.SiloAddress, topic)) ?? []);

    public PresenceReport Watch(Topic topic, Guid watcher)
    {
        Watchers[(silo.SiloAddress, topic)] = watcher;
        return Presence(topic);
    }

    public void Unwatch(Topic topic, Guid watcher) => Watchers.TryRemove(new KeyValuePair<(SiloAddress, Topic), Guid>((silo.SiloAddress, topic), watcher));

    private static Channel<ChatEvent> Channel(SiloAddress silo, string stream) =>
        Received.GetOrAdd((silo, stream), _ => System.Threading.Channels.Channel.CreateUnbounded<ChatEvent>());
}
