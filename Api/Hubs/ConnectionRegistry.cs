using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>
/// This front silo's connections and what each listens to: the rooms it joined and its user's own topic. For each
/// topic it reports presence to the topic's grain (the users connected here, a full snapshot with a growing version)
/// whenever that changes; the grain pushes the topic's events back here. A user's topic is reported only while the
/// user's grain watches (<see cref="Watch"/>, from its activation to its deactivation), so connecting never activates
/// a user grain. Nothing is refreshed on a timer: a grain that activates asks (<see cref="Presence"/>, <see
/// cref="Watch"/>), and a report that fails is retried a few times.
/// </summary>
public sealed partial class ConnectionRegistry(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<ChatApiOptions> options,
    ChatMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<ConnectionRegistry> logger)
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LocalConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<Topic, TopicEntry> _topics = [];
    private readonly Dictionary<Topic, Guid> _watchers = [];
    private long _version;

    /// <summary>A connection arrived (from the hub lifetime manager, before the hub sees it).</summary>
    public void Attach(HubConnectionContext context)
    {
        var connection = new LocalConnection(context, options.Value.MaxQueuedBytesPerConnection, logger);
        lock (_lock)
        {
            _connections[context.ConnectionId] = connection;
        }

        metrics.ConnectionOpened();
    }

    /// <summary>A connection is gone for good (after the hub's own disconnect handling).</summary>
    public void Detach(string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.Remove(connectionId))
            {
                return;
            }
        }

        metrics.ConnectionClosed();
    }

    /// <summary>The hub accepted the connection: it listens to its user's topic, and the user grain, if it watches, learns the user is here.</summary>
    public Task ConnectAsync(string connectionId, string userName)
    {
        TopicEntry entry;
        lock (_lock)
        {
            var connection = _connections[connectionId];
            connection.UserName = userName;
            entry = Listen(connection, Topic.User(userName));
        }

        return ReconcileAsync(Topic.User(userName), entry, force: true);
    }

    /// <summary>
    /// Joins a room in one room call: the connection listens here first, then the room checks access, takes this
    /// silo's presence report and returns its window, so no event falls between (one may come twice: clients
    /// de-duplicate by seq). A refused join leaves nothing behind.
    /// </summary>
    public async Task<JoinResult> JoinRoomAsync(string connectionId, string roomId)
    {
        var topic = Topic.Room(roomId);
        TopicEntry entry;
        string userName;
        lock (_lock)
        {
            var connection = _connections[connectionId];
            userName = connection.UserName;
            if (!connection.Topics.Contains(topic) && connection.Topics.Count(t => t.IsRoom) >= options.Value.MaxRoomsPerConnection)
            {
                throw ChatException.Invalid($"A connection may join at most {options.Value.MaxRoomsPerConnection} rooms; leave one first.");
            }

            entry = Listen(connection, topic);
        }

        await entry.Gate.WaitAsync();
        try
        {
            PresenceReport report;
            lock (_lock)
            {
                report = Snapshot(entry);
            }

            var result = await grains.Reference<IRoomGrain>(roomId).JoinAsync(userName, report);
            Remember(entry, report);
            return result;
        }
        catch
        {
            if (StopListening(connectionId, topic) is not null)
            {
                Release(topic, entry, gate: false);
            }

            throw;
        }
        finally
        {
            Release(topic, entry);
        }
    }

    /// <summary>Stops live delivery of a room to a connection.</summary>
    public Task LeaveRoomAsync(string connectionId, string roomId) =>
        StopListening(connectionId, Topic.Room(roomId)) is { } entry
            ? ReconcileAsync(Topic.Room(roomId), entry, force: false)
            : Task.CompletedTask;

    /// <summary>A closed connection stops listening to everything.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        Topic[] topics;
        lock (_lock)
        {
            topics = _connections.TryGetValue(connectionId, out var connection) ? [.. connection.Topics] : [];
        }

        foreach (var topic in topics)
        {
            if (StopListening(connectionId, topic) is { } entry)
            {
                await ReconcileAsync(topic, entry, force: false);
            }
        }
    }

    /// <summary>The connections listening to a topic now (for the event sink).</summary>
    public LocalConnection[] Listeners(Topic topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var entry) ? [.. Connections(entry)] : [];
        }
    }

    /// <summary>Who listens to a topic through this silo (asked by a grain that activates).</summary>
    public PresenceReport Presence(Topic topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var entry) ? Snapshot(entry) : Nobody();
        }
    }

    /// <summary>
    /// Who listens to a user's topic through this silo; from now on each change is reported to the user's grain, until
    /// <see cref="Unwatch"/> by the same watcher. The answer counts as reported: it is what the grain now knows.
    /// </summary>
    public PresenceReport Watch(Topic topic, Guid watcher)
    {
        lock (_lock)
        {
            _watchers[topic] = watcher;
            if (!_topics.TryGetValue(topic, out var entry))
            {
                return Nobody();
            }

            var report = Snapshot(entry);
            entry.Remember(report);
            return report;
        }
    }

    /// <summary>Stops the reports of <see cref="Watch"/>, unless a newer activation of the grain watches by now.</summary>
    public void Unwatch(Topic topic, Guid watcher)
    {
        lock (_lock)
        {
            if (_watchers.TryGetValue(topic, out var current) && current == watcher)
            {
                _watchers.Remove(topic);
            }
        }
    }

    /// <summary>
    /// Removes the connections a room no longer allows and returns them. Synchronous: it is called while the room
    /// pushes an event, so the new presence report goes out afterwards and the room never waits on itself.
    /// </summary>
    public LocalConnection[] Revoke(RoomAccessChanged change)
    {
        var topic = Topic.Room(change.RoomId);
        LocalConnection[] revoked;
        lock (_lock)
        {
            revoked = _topics.TryGetValue(topic, out var entry)
                ? [.. Connections(entry).Where(c => !change.Allows(c.UserName))]
                : [];
        }

        foreach (var connection in revoked)
        {
            if (StopListening(connection.ConnectionId, topic) is { } entry)
            {
                // Off the caller's turn: the report goes to the very room that is pushing this change.
                _ = Task.Run(() => ReconcileAsync(topic, entry, force: false));
            }
        }

        return revoked;
    }

    private TopicEntry Listen(LocalConnection connection, Topic topic)
    {
        connection.Topics.Add(topic);
        if (!_topics.TryGetValue(topic, out var entry))
        {
            entry = new TopicEntry();
            _topics[topic] = entry;
        }

        entry.Connections.Add(connection.ConnectionId);
        entry.Busy++;
        return entry;
    }

    /// <summary>Takes a connection off a topic; returns the topic's entry (held for a reconcile) when it was on it.</summary>
    private TopicEntry? StopListening(string connectionId, Topic topic)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || !connection.Topics.Remove(topic)
                || !_topics.TryGetValue(topic, out var entry))
            {
                return null;
            }

            entry.Connections.Remove(connectionId);
            entry.Busy++;
            return entry;
        }
    }

    /// <summary>
    /// Tells the topic's grain who listens here, when that changed since the last report (or always, when forced); a
    /// user's topic only while its grain watches. One reconcile per topic at a time, each reading the latest
    /// connections, so the last one leaves the right state.
    /// </summary>
    private async Task ReconcileAsync(Topic topic, TopicEntry entry, bool force, int attempt = 0)
    {
        await entry.Gate.WaitAsync();
        try
        {
            PresenceReport report;
            lock (_lock)
            {
                if (!topic.IsRoom && !_watchers.ContainsKey(topic))
                {
                    return;
                }

                report = Snapshot(entry);
                if (!force && report.Users.SequenceEqual(entry.Reported, StringComparer.Ordinal))
                {
                    return;
                }
            }

            await (topic.IsRoom
                ? grains.Reference<IRoomGrain>(topic.Id).SetPresenceAsync(report)
                : grains.Reference<IUserGrain>(topic.Id).SetPresenceAsync(report));
            Remember(entry, report);
        }
        catch (Exception error) when (attempt < RetryDelays.Length)
        {
            LogReportFailed(error, topic.ToString(), RetryDelays[attempt]);
            lock (_lock)
            {
                entry.Busy++;
            }

            _ = RetryAsync(topic, entry, attempt);
        }
        catch (Exception error)
        {
            LogReportAbandoned(error, topic.ToString());
        }
        finally
        {
            Release(topic, entry);
        }
    }

    private async Task RetryAsync(Topic topic, TopicEntry entry, int attempt)
    {
        try
        {
            await Task.Delay(RetryDelays[attempt], lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping: its connections, and what they listen to, go with it.
            Release(topic, entry, gate: false);
            return;
        }

        await ReconcileAsync(topic, entry, force: true, attempt + 1);
    }

    /// <summary>The topic's listeners as a report with the next version; call under <see cref="_lock"/>.</summary>
    private PresenceReport Snapshot(TopicEntry entry) => new(
        silo.SiloAddress,
        NextVersion(),
        [.. Connections(entry).Select(c => c.UserName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>A report that nobody listens here, with the next version.</summary>
    private PresenceReport Nobody() => new(silo.SiloAddress, NextVersion(), []);

    private IEnumerable<LocalConnection> Connections(TopicEntry entry) =>
        entry.Connections.Select(id => _connections.GetValueOrDefault(id)).OfType<LocalConnection>();

    private long NextVersion() => Interlocked.Increment(ref _version);

    private void Remember(TopicEntry entry, PresenceReport report)
    {
        lock (_lock)
        {
            entry.Remember(report);
        }
    }

    private void Release(Topic topic, TopicEntry entry, bool gate = true)
    {
        if (gate)
        {
            entry.Gate.Release();
        }

        lock (_lock)
        {
            entry.Busy--;
            if (entry.Busy == 0 && entry.Connections.Count == 0 && _topics.TryGetValue(topic, out var current) && current == entry)
            {
                _topics.Remove(topic);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting who listens to {Topic} failed; trying again in {Delay}")]
    private partial void LogReportFailed(Exception error, string topic, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reporting who listens to {Topic} failed repeatedly; the next join or the grain's next activation sets it right")]
    private partial void LogReportAbandoned(Exception error, string topic);

    /// <summary>A topic's local listeners and what was last reported for it.</summary>
    private sealed class TopicEntry
    {
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The users of the newest report the grain was given (sent, or answered to its watch).</summary>
        public IReadOnlyList<string> Reported { get; private set; } = [];

        private long ReportedVersion { get; set; }

        /// <summary>Reconciles holding or waiting for the entry; it is removed only when none do and nobody listens.</summary>
        public int Busy { get; set; }

        /// <summary>Keeps a report as the one last given, unless a newer one was given meanwhile; call under the registry's lock.</summary>
        public void Remember(PresenceReport report)
        {
            if (report.Version > ReportedVersion)
            {
                Reported = report.Users;
                ReportedVersion = report.Version;
            }
        }
    }
}
