using System.Threading.Channels;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Infrastructure;

/// <summary>A SignalR client over real WebSockets that records what the server pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Channel<ChatMessage> _received = Channel.CreateUnbounded<ChatMessage>();
    private readonly Channel<string> _closedRooms = Channel.CreateUnbounded<string>();

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
