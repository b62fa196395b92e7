using System.Net;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// A chat user's SignalR connection over WebSockets (token in <c>access_token</c>), as a browser holds it: it records
/// every pushed message with its arrival time, counts closures, and keeps its cookies (the balancer's affinity
/// cookie) across reconnects.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedMessage> _received = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _closures;

    public LiveClient(string name, Uri hubUrl, string token, bool skipNegotiation = true, CookieContainer? cookies = null)
    {
        Name = name;
        Cookies = cookies ?? new CookieContainer();
        Connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = skipNegotiation;
                options.Cookies = Cookies;
            })
            .Build();
        Connection.On<ChatMessage>("MessageReceived", message =>
        {
            lock (_lock)
            {
                _received.Add(new ReceivedMessage(message, DateTimeOffset.UtcNow));
            }

            Pulse();
        });
        Connection.Closed += _ =>
        {
            Interlocked.Increment(ref _closures);
            Pulse();
            return Task.CompletedTask;
        };
    }

    public string Name { get; }

    public HubConnection Connection { get; }

    public CookieContainer Cookies { get; }

    /// <summary>How many times the connection has closed (0: it never dropped).</summary>
    public int Closures => Volatile.Read(ref _closures);

    public async Task<LiveClient> StartAsync(CancellationToken cancellationToken = default)
    {
        await Connection.StartAsync(cancellationToken);
        return this;
    }

    /// <summary>
    /// After the connection closed: starts it again (same URL, same cookies), as a client does, until it is connected;
    /// bounded by <paramref name="timeout"/>. Returns how long it took.
    /// </summary>
    public Task<TimeSpan> ReconnectAsync(TimeSpan timeout) =>
        Poll.UntilAsync(
            async () =>
            {
                if (Connection.State == HubConnectionState.Connected)
                {
                    return true;
                }

                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await Connection.StartAsync(attempt.Token);
                    return true;
                }
                catch (Exception error) when (error is HttpRequestException or System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException or IOException)
                {
                    return false;
                }
            },
            timeout,
            $"{Name} connected again",
            interval: TimeSpan.FromMilliseconds(200));

    public Task<JoinResult> JoinAsync(string roomId) => Connection.InvokeAsync<JoinResult>("JoinRoom", roomId);

    public Task<ChatMessage> SendAsync(string roomId, string text, string clientMessageId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<ChatMessage>("SendMessage", roomId, text, clientMessageId, cancellationToken);

    /// <summary>Everything pushed so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Received()
    {
        lock (_lock)
        {
            return [.. _received];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what has arrived (checked on each arrival or closure).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task changed;
            IReadOnlyList<ReceivedMessage> received;
            lock (_lock)
            {
                received = [.. _received];
                changed = _changed.Task;
            }

            if (condition(received))
            {
                return;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var last = received.Count == 0 ? "none" : received[^1].Message.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new TimeoutException(
                    $"{Name}: not {what} within {timeout.TotalSeconds:0.#} s (received {received.Count} messages, last seq {last}, connection {Connection.State}, closures {Closures}).");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported.
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Pulse()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
