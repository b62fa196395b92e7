using System.Threading.Channels;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Infrastructure;

/// <summary>A SignalR client over real WebSockets that records what the server pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Channel<ChatMessage> _received = Channel.CreateUnbounded<ChatMessage>();
    private readonly Channel<string> _closedRooms = Channel.CreateUnbounded<string>();
    private readonly List<HubEvent> _events = [];
    private readonly Lock _eventsLock = new();
    private TaskCompletionSource _newEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubClient(Uri hubUrl, string token)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        Connection.On<ChatMessage>("MessageReceived", m => _received.Writer.TryWrite(m));
        Connection.On<string>("RoomClosed", r => _closedRooms.Writer.TryWrite(r));
        Connection.On<ChatMessage>("MessageReceived", m => Record("MessageReceived", m));
        Connection.On<ChatMessage>("MessageEdited", m => Record("MessageEdited", m));
        Connection.On<string, long>("MessageDeleted", (r, seq) => Record("MessageDeleted", r, seq));
        Connection.On<string, long, MessageTags>("MessageTagged", (r, seq, tags) => Record("MessageTagged", r, seq, tags));
        Connection.On<string, string, bool>("PresenceChanged", (r, u, online) => Record("PresenceChanged", r, u, online));
        Connection.On<string, string>("UserTyping", (r, u) => Record("UserTyping", r, u));
        Connection.On<string, string>("SystemNotice", (r, text) => Record("SystemNotice", r, text));
        Connection.On<Notification>("NotificationReceived", n => Record("NotificationReceived", n));
    }

    /// <summary>Every server call received so far, in order.</summary>
    public IReadOnlyList<HubEvent> Events
    {
        get
        {
            lock (_eventsLock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits until a server call named <paramref name="name"/> that matches has been received (it may already have been).</summary>
    public async Task<HubEvent> WaitForEventAsync(string name, Func<HubEvent, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            Task next;
            lock (_eventsLock)
            {
                var found = _events.FirstOrDefault(e => e.Name == name && (match is null || match(e)));
                if (found is not null)
                {
                    return found;
                }

                next = _newEvent.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"No {name} matching within {(timeout ?? DefaultWait).TotalSeconds} s; got: {string.Join(", ", Events.Select(e => e.Name))}.");
            }
        }
    }

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args);

    private void Record(string name, params object?[] args)
    {
        TaskCompletionSource signal;
        lock (_eventsLock)
        {
            _events.Add(new HubEvent(name, args));
            signal = _newEvent;
            _newEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    public HubConnection Connection { get; }

    /// <summary>Everything received so far that has not been taken by a wait.</summary>
    public List<ChatMessage> Drain()
    {
        var list = new List<ChatMessage>();
        while (_received.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    public async Task<HubClient> StartAsync()
    {
        await Connection.StartAsync();
        return this;
    }

    public Task<JoinResult> JoinAsync(string roomId) => Connection.InvokeAsync<JoinResult>("JoinRoom", roomId);

    public Task LeaveAsync(string roomId) => Connection.InvokeAsync("LeaveRoom", roomId);

    public Task<ChatMessage> SendAsync(string roomId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<ChatMessage>("SendMessage", roomId, text, clientMessageId);

    /// <summary>Waits for the next pushed message, failing with a clear message after <paramref name="timeout"/>.</summary>
    public async Task<ChatMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No MessageReceived within {(timeout ?? DefaultWait).TotalSeconds} s.");
        }
    }

    /// <summary>Collects pushed messages until <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<ChatMessage>> NextMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var messages = new List<ChatMessage>(count);
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (messages.Count < count)
            {
                messages.Add(await _received.Reader.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Received {messages.Count} of {count} messages within {(timeout ?? DefaultWait).TotalSeconds} s.");
        }

        return messages;
    }

    public async Task<string> NextClosedRoomAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        return await _closedRooms.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
