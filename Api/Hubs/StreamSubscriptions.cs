using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Streams;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>
/// This front silo's view of who listens to what. For every topic (a room, or a user's own stream) it keeps the
/// local connections (also a SignalR group), exactly one stream subscription while there is at least one
/// (held by the topic's relay grain on this silo), and what it last reported as presence: the users of a room
/// connected through this silo, or whether a user has a connection here. The first local connection
/// subscribes; the last one to leave or disconnect unsubscribes.
/// </summary>
public sealed partial class StreamSubscriptions(
    IGrainFactory grains,
    IHubContext<ChatHub, IChatClient> hub,
    ILocalSiloDetails silo,
    IOptions<ChatApiOptions> options,
    ILogger<StreamSubscriptions> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Topic, TopicEntry> _topics = [];
    private readonly Dictionary<string, ConnectionEntry> _connections = new(StringComparer.Ordinal);
    private readonly string _silo = RelayKeys.SiloName(silo.SiloAddress);

    /// <summary>Adds a connection to a topic's delivery; returns once this silo's subscription and presence report are in place.</summary>
    public async Task JoinAsync(string connectionId, string userName, Topic topic)
    {
        TopicEntry entry;
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var connection))
            {
                connection = new ConnectionEntry(userName);
                _connections[connectionId] = connection;
            }

            if (topic.IsRoom && !connection.Topics.Contains(topic)
                && connection.Topics.Count(t => t.IsRoom) >= options.Value.MaxRoomsPerConnection)
            {
                throw ChatException.Invalid($"A connection may join at most {options.Value.MaxRoomsPerConnection} rooms; leave one first.");
            }

            connection.Topics.Add(topic);
            entry = EntryFor(topic);
            entry.Connections.Add(connectionId);
            entry.Reconciling++;
        }

        await hub.Groups.AddToGroupAsync(connectionId, topic.Group);
        await ReconcileAsync(topic, entry, refresh: false);
    }

    /// <summary>Removes a connection from a topic; the silo unsubscribes when it was the topic's last local connection.</summary>
    public async Task LeaveAsync(string connectionId, Topic topic)
    {
        TopicEntry? entry;
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || !connection.Topics.Remove(topic))
            {
                return;
            }

            if (connection.Topics.Count == 0)
            {
                _connections.Remove(connectionId);
            }

            entry = _topics[topic];
            entry.Connections.Remove(connectionId);
            entry.Reconciling++;
        }

        await hub.Groups.RemoveFromGroupAsync(connectionId, topic.Group);
        await ReconcileAsync(topic, entry, refresh: false);
    }

    /// <summary>Removes a closed connection from every topic it listened to.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        Topic[] topics;
        lock (_lock)
        {
            topics = _connections.TryGetValue(connectionId, out var connection) ? [.. connection.Topics] : [];
        }

        foreach (var topic in topics)
        {
            await LeaveAsync(connectionId, topic);
        }
    }

    /// <summary>Drops local connections that a room no longer allows, and tells them so.</summary>
    public async Task ApplyAccessChangeAsync(RoomAccessChanged change)
    {
        var topic = Topic.Room(change.RoomId);
        List<string> revoked;
        lock (_lock)
        {
            revoked = _topics.TryGetValue(topic, out var entry)
                ? [.. entry.Connections.Where(c => !change.Allows(_connections[c].UserName))]
                : [];
        }

        foreach (var connectionId in revoked)
        {
            await LeaveAsync(connectionId, topic);
            await hub.Clients.Client(connectionId).RoomClosed(change.RoomId);
        }
    }

    /// <summary>
    /// Re-asserts every subscription and presence report. Grains keep presence in memory only, so a room or user
    /// grain that moved (its silo died) learns it again from here within one refresh period.
    /// </summary>
    public async Task RefreshAsync()
    {
        KeyValuePair<Topic, TopicEntry>[] topics;
        lock (_lock)
        {
            topics = [.. _topics];
            foreach (var (_, entry) in topics)
            {
                entry.Reconciling++;
            }
        }

        foreach (var (topic, entry) in topics)
        {
            try
            {
                await ReconcileAsync(topic, entry, refresh: true);
            }
            catch (Exception error)
            {
                LogRefreshFailed(error, topic.Group);
            }
        }
    }

    /// <summary>Local connections of a user in a room (to leave them out of the user's own typing notices).</summary>
    public IReadOnlyList<string> ConnectionsOf(string userName, Topic topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var entry)
                ? [.. entry.Connections.Where(c => _connections[c].UserName == userName)]
                : [];
        }
    }

    /// <summary>Topics this silo holds a subscription for (for health and tests).</summary>
    public IReadOnlyList<Topic> Subscribed()
    {
        lock (_lock)
        {
            return [.. _topics.Where(t => t.Value.Subscribed).Select(t => t.Key)];
        }
    }

    /// <summary>How many local connections listen to a topic.</summary>
    public int LocalConnections(Topic topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var entry) ? entry.Connections.Count : 0;
        }
    }

    private TopicEntry EntryFor(Topic topic)
    {
        if (!_topics.TryGetValue(topic, out var entry))
        {
            entry = new TopicEntry();
            _topics[topic] = entry;
        }

        return entry;
    }

    /// <summary>
    /// Brings the subscription and the presence report in line with the local connections. One reconcile per topic
    /// runs at a time and each reads the latest connections, so however joins and leaves interleave, the last one
    /// leaves the right state.
    /// </summary>
    private async Task ReconcileAsync(Topic topic, TopicEntry entry, bool refresh)
    {
        await entry.Gate.WaitAsync();
        try
        {
            string[] users;
            lock (_lock)
            {
                users = [.. entry.Connections.Select(c => _connections[c].UserName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }

            var wanted = users.Length > 0;
            var relay = grains.GetGrain<IStreamRelayGrain>(RelayKeys.For(topic.Namespace, topic.Id, silo.SiloAddress));
            if (wanted && (refresh || !entry.Subscribed))
            {
                await relay.Subscribe();
                entry.Subscribed = true;
            }

            if (refresh || !users.SequenceEqual(entry.ReportedUsers, StringComparer.Ordinal))
            {
                await ReportPresenceAsync(topic, users);
                entry.ReportedUsers = users;
            }

            if (!wanted && entry.Subscribed)
            {
                await relay.Unsubscribe();
                entry.Subscribed = false;
                LogUnsubscribed(topic.Group);
            }
        }
        finally
        {
            entry.Gate.Release();
            lock (_lock)
            {
                entry.Reconciling--;
                if (entry.Reconciling == 0 && entry.Connections.Count == 0 && !entry.Subscribed)
                {
                    _topics.Remove(topic);
                }
            }
        }
    }

    private Task ReportPresenceAsync(Topic topic, string[] users) => topic.IsRoom
        ? grains.GetGrain<IRoomGrain>(topic.Id).SetPresence(_silo, users)
        : grains.GetGrain<IUserGrain>(topic.Id).SetOnline(_silo, users.Length > 0);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribed from {Topic}: no local connection left")]
    private partial void LogUnsubscribed(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the subscription and presence of {Topic} failed; the next refresh tries again")]
    private partial void LogRefreshFailed(Exception error, string topic);

    private sealed class TopicEntry
    {
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Subscribed { get; set; }

        public string[] ReportedUsers { get; set; } = [];

        public int Reconciling { get; set; }
    }

    private sealed class ConnectionEntry(string userName)
    {
        public string UserName { get; } = userName;

        public HashSet<Topic> Topics { get; } = [];
    }
}
