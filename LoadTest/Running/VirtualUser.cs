using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.LoadTest.Running;

/// <summary>
/// One simulated user: one SignalR connection (WebSockets, no negotiation), its rooms, an open-loop send
/// schedule and the seq checks of what it receives.
/// </summary>
public sealed class VirtualUser : IAsyncDisposable
{
    /// <summary>Sends a user may have waiting for their ack; past it, due sends are skipped and counted.</summary>
    public const int MaxInFlight = 100;

    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly int _index;
    private readonly string _userName;
    private readonly LoadPlan _plan;
    private readonly RunMetrics _metrics;
    private readonly HubConnection _connection;
    private readonly (string RoomId, int OtherMembers)[] _rooms;
    private readonly ConcurrentDictionary<string, SeqGapTracker> _trackers = new(StringComparer.Ordinal);
    private int _inFlight;
    private volatile bool _stopping;

    public VirtualUser(int index, string token, Uri hubUrl, LoadPlan plan, RunMetrics metrics)
    {
        _index = index;
        _userName = plan.UserNames[index];
        _plan = plan;
        _metrics = metrics;
        _rooms = [.. plan.RoomsOf(index).Select(r => (plan.RoomIds[r], plan.MembersOf(r) - 1))];
        _connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connection.On<WireMessage>("MessageReceived", OnMessageReceived);
        _connection.Closed += OnClosed;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public IEnumerable<SeqGapTracker> Trackers => _trackers.Values;

    /// <summary>Connects and joins this user's rooms; each join's last seq starts that room's seq check.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        foreach (var (roomId, _) in _rooms)
        {
            var reply = await _connection.InvokeAsync<JoinReply>("JoinRoom", roomId, cancellationToken);
            _trackers.TryAdd(roomId, new SeqGapTracker(reply.LastSeq));
        }
    }

    /// <summary>
    /// Sends at <paramref name="rate"/> per second from <paramref name="startTimestamp"/> + <paramref name="offset"/>
    /// until <paramref name="total"/> has passed, without waiting for acks (open loop), to its rooms in turn.
    /// </summary>
    public async Task SendLoopAsync(long startTimestamp, TimeSpan total, double rate, TimeSpan offset, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / rate);
        var count = (long)Math.Ceiling(total.TotalSeconds * rate);
        for (long number = 0; number < count && !cancellationToken.IsCancellationRequested; number++)
        {
            var due = offset + (interval * number);
            if (due >= total)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(startTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var now = Stopwatch.GetTimestamp();
            if (InFlight >= MaxInFlight)
            {
                _metrics.RecordSkipped(now);
                continue;
            }

            var (roomId, otherMembers) = _rooms[number % _rooms.Length];
            Interlocked.Increment(ref _inFlight);
            _ = SendAsync(roomId, otherMembers, number);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _connection.DisposeAsync();
    }

    private async Task SendAsync(string roomId, int otherMembers, long number)
    {
        var sent = Stopwatch.GetTimestamp();
        var id = new ClientMessageId(_plan.RunId, _index, number, sent).ToString();
        var text = string.Create(CultureInfo.InvariantCulture, $"load test message {number} from {_userName}");
        _metrics.RecordAttempt(sent);
        try
        {
            using var timeout = new CancellationTokenSource(SendTimeout);
            await _connection.InvokeAsync<WireMessage>("SendMessage", roomId, text, id, timeout.Token);
            _metrics.RecordAck(sent, Stopwatch.GetTimestamp(), otherMembers);
        }
        catch (Exception error)
        {
            _metrics.RecordError(sent, ErrorClassifier.Classify(error));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void OnMessageReceived(WireMessage message)
    {
        var received = Stopwatch.GetTimestamp();
        var tracker = _trackers.GetOrAdd(message.RoomId, static (_, seq) => new SeqGapTracker(seq - 1), message.Seq);
        if (tracker.Observe(message.Seq) != SeqObservation.Duplicate
            && message.Author != _userName && ClientMessageId.TryParse(message.ClientMessageId, _plan.RunId, out var id))
        {
            _metrics.RecordDelivery(id.SentTimestamp, received);
        }
    }

    private Task OnClosed(Exception? error)
    {
        if (!_stopping)
        {
            _metrics.RecordDisconnect();
        }

        return Task.CompletedTask;
    }
}
