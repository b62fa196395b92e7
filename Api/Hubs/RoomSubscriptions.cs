using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Streams;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>
/// This front silo's view of who listens to what: the local connections of each room (also kept as a SignalR group)
/// and, for each room with at least one, exactly one stream subscription, held by the room's relay grain on this
/// silo. The first local connection of a room subscribes; the last one to leave or disconnect unsubscribes.
/// </summary>
public sealed partial class RoomSubscriptions(
    IGrainFactory grains,
    IHubContext<ChatHub, IChatClient> hub,
    ILocalSiloDetails silo,
    IOptions<ChatApiOptions> options,
    ILogger<RoomSubscriptions> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RoomEntry> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectionEntry> _connections = new(StringComparer.Ordinal);

    public static string GroupName(string roomId) => $"room:{roomId}";

    /// <summary>Adds a connection to a room's delivery; returns once this silo's subscription for the room exists.</summary>
    public async Task JoinAsync(string connectionId, string userName, string roomId)
    {
        RoomEntry room;
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var connection))
            {
                connection = new ConnectionEntry(userName);
                _connections[connectionId] = connection;
            }

            if (!connection.Rooms.Contains(roomId) && connection.Rooms.Count >= options.Value.MaxRoomsPerConnection)
            {
                throw ChatException.Invalid($"A connection may join at most {options.Value.MaxRoomsPerConnection} rooms; leave one first.");
            }

            connection.Rooms.Add(roomId);
            room = EntryFor(roomId);
            room.Connections.Add(connectionId);
            room.Reconciling++;
        }

        await hub.Groups.AddToGroupAsync(connectionId, GroupName(roomId));
        await ReconcileAsync(roomId, room);
    }

    /// <summary>Removes a connection from a room's delivery; the silo unsubscribes when it was the room's last local connection.</summary>
    public async Task LeaveAsync(string connectionId, string roomId)
    {
        RoomEntry? room;
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || !connection.Rooms.Remove(roomId))
            {
                return;
            }

            if (connection.Rooms.Count == 0)
            {
                _connections.Remove(connectionId);
            }

            room = _rooms[roomId];
            room.Connections.Remove(connectionId);
            room.Reconciling++;
        }

        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupName(roomId));
        await ReconcileAsync(roomId, room);
    }

    /// <summary>Removes a closed connection from every room it had joined.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        string[] rooms;
        lock (_lock)
        {
            rooms = _connections.TryGetValue(connectionId, out var connection) ? [.. connection.Rooms] : [];
        }

        foreach (var roomId in rooms)
        {
            await LeaveAsync(connectionId, roomId);
        }
    }

    /// <summary>Drops local connections that a room no longer allows, and tells them so.</summary>
    public async Task ApplyAccessChangeAsync(RoomAccessChanged change)
    {
        List<string> revoked;
        lock (_lock)
        {
            revoked = _rooms.TryGetValue(change.RoomId, out var room)
                ? [.. room.Connections.Where(c => !change.Allows(_connections[c].UserName))]
                : [];
        }

        foreach (var connectionId in revoked)
        {
            await LeaveAsync(connectionId, change.RoomId);
            await hub.Clients.Client(connectionId).RoomClosed(change.RoomId);
        }
    }

    /// <summary>Rooms this silo holds a subscription for (for health and tests).</summary>
    public IReadOnlyList<string> SubscribedRooms()
    {
        lock (_lock)
        {
            return [.. _rooms.Where(r => r.Value.Subscribed).Select(r => r.Key)];
        }
    }

    /// <summary>How many local connections have joined a room.</summary>
    public int LocalConnections(string roomId)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(roomId, out var room) ? room.Connections.Count : 0;
        }
    }

    private RoomEntry EntryFor(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            room = new RoomEntry();
            _rooms[roomId] = room;
        }

        return room;
    }

    /// <summary>
    /// Brings the subscription in line with the connection count. One reconcile per room runs at a time and each reads
    /// the latest count, so however joins and leaves interleave, the last one leaves the right state.
    /// </summary>
    private async Task ReconcileAsync(string roomId, RoomEntry room)
    {
        await room.Gate.WaitAsync();
        try
        {
            bool wanted;
            lock (_lock)
            {
                wanted = room.Connections.Count > 0;
            }

            if (wanted != room.Subscribed)
            {
                var relay = grains.GetGrain<IRoomRelayGrain>(RelayKeys.For(roomId, silo.SiloAddress));
                if (wanted)
                {
                    await relay.Subscribe();
                    LogSubscribed(roomId);
                }
                else
                {
                    await relay.Unsubscribe();
                    LogUnsubscribed(roomId);
                }

                room.Subscribed = wanted;
            }
        }
        finally
        {
            room.Gate.Release();
            lock (_lock)
            {
                room.Reconciling--;
                if (room.Reconciling == 0 && room.Connections.Count == 0 && !room.Subscribed)
                {
                    _rooms.Remove(roomId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribed to room {RoomId}")]
    private partial void LogSubscribed(string roomId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribed from room {RoomId}: no local connection left")]
    private partial void LogUnsubscribed(string roomId);

    private sealed class RoomEntry
    {
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Subscribed { get; set; }

        public int Reconciling { get; set; }
    }

    private sealed class ConnectionEntry(string userName)
    {
        public string UserName { get; } = userName;

        public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
    }
}
