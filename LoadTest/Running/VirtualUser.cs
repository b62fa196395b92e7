using System.Diagnostics;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.LoadTest.Running;

/// <summary>
/// One simulated member: one SignalR connection (WebSockets, no negotiation), one room, the sends it makes when it
/// is one of the room's senders, and the seq check of what it receives. The receive path allocates only what the
/// JSON reader must (the fields of <see cref="DeliveredMessage"/>): at tens of thousands of deliveries per second the
/// tool's own core must not saturate before the server's.
/// </summary>
public sealed class VirtualUser : ILoadActor, IAsyncDisposable
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly int _index;
    private readonly string _userName;
    private readonly string _runId;
    private readonly string _roomId;
    private readonly int _otherMembers;
    private readonly string _text;
    private readonly MetricsSlot _metrics;
    private readonly HubConnection _connection;
    private SeqGapTracker _tracker = new(0);
    private long _number;
    private int _inFlight;
    private volatile bool _stopping;

    public VirtualUser(int index, string userName, string token, Uri hubUrl, string runId, string roomId, int otherMembers, string text, MetricsSlot metrics)
    {
        _index = index;
        _userName = userName;
        _runId = runId;
        _roomId = roomId;
        _otherMembers = otherMembers;
        _text = text;
        _metrics = metrics;
        _connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(60);
        _connection.On<DeliveredMessage>("MessageReceived", OnMessageReceived);
        _connection.Closed += OnClosedAsync;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public SeqGapTracker Tracker => _tracker;

    /// <summary>Connects and joins the room; the join's last seq starts the seq check.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        var reply = await _connection.InvokeAsync<JoinReply>("JoinRoom", _roomId, cancellationToken);
        _tracker = new SeqGapTracker(reply.LastSeq);
    }

    /// <summary>One send; the returned stored message is the acknowledgement.</summary>
    public async Task RunOnceAsync()
    {
        Interlocked.Increment(ref _inFlight);
        var metrics = _metrics.Current;
        var sent = Stopwatch.GetTimestamp();
        var id = new ClientMessageId(_runId, _index, Interlocked.Increment(ref _number), sent).ToString();
        metrics.RecordAttempt(sent);
        try
        {
            using var timeout = new CancellationTokenSource(SendTimeout);
            await _connection.InvokeAsync<SendReply>("SendMessage", _roomId, _text, id, timeout.Token);
            metrics.RecordAck(sent, Stopwatch.GetTimestamp(), _otherMembers);
        }
        catch (Exception error)
        {
            metrics.RecordError(sent, Stopwatch.GetTimestamp(), ErrorClassifier.Classify(error));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _connection.DisposeAsync();
    }

    private void OnMessageReceived(DeliveredMessage message)
    {
        var received = Stopwatch.GetTimestamp();
        if (!string.Equals(message.RoomId, _roomId, StringComparison.Ordinal))
        {
            return;
        }

        if (_tracker.Observe(message.Seq) != SeqObservation.Duplicate
            && !string.Equals(message.Author, _userName, StringComparison.Ordinal)
            && ClientMessageId.TryParse(message.ClientMessageId, _runId, out var id))
        {
            _metrics.Current.RecordDelivery(id.SentTimestamp, received);
        }
    }

    private Task OnClosedAsync(Exception? error)
    {
        if (!_stopping)
        {
            _metrics.Current.RecordDisconnect();
        }

        return Task.CompletedTask;
    }
}
