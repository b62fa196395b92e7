using System.Diagnostics;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>
/// One simulated member: one hub connection (<see cref="IChatHubConnection"/>), one room, the sends it makes when it
/// is one of the room's senders, and the seq check of what it receives.
/// </summary>
public sealed class VirtualUser : ILoadActor, IAsyncDisposable, IDeliveryObserver
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly int _index;
    private readonly string _runId;
    private readonly string _roomId;
    private readonly int _otherMembers;
    private readonly string _text;
    private readonly MetricsSlot _metrics;
    private readonly IChatHubConnection _connection;
    private SeqGapTracker _tracker = new(0);
    private long _number;
    private int _inFlight;
    private volatile bool _stopping;

    public VirtualUser(HubClientKind client, int index, string userName, string token, Uri hubUrl, string runId, string roomId, int otherMembers, string text, MetricsSlot metrics)
    {
        _index = index;
        _runId = runId;
        _roomId = roomId;
        _otherMembers = otherMembers;
        _text = text;
        _metrics = metrics;
        _connection = IChatHubConnection.Create(client, hubUrl, userName, token, this);
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public SeqGapTracker Tracker => _tracker;

    /// <summary>Connects and joins the room; the join's last seq starts the seq check.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var lastSeq = await _connection.ConnectAndJoinAsync(_roomId, cancellationToken);
        _tracker = new SeqGapTracker(lastSeq);
    }

    /// <summary>One send; the stored message the server answers is the acknowledgement.</summary>
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
            await _connection.SendMessageAsync(_roomId, _text, id, timeout.Token);
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

    void IDeliveryObserver.OnDelivered(long seq, bool byMe, ReadOnlySpan<char> clientMessageId, long receivedTimestamp)
    {
        if (_tracker.Observe(seq) != SeqObservation.Duplicate && !byMe && ClientMessageId.TryParse(clientMessageId, _runId, out var id))
        {
            _metrics.Current.RecordDelivery(id.SentTimestamp, receivedTimestamp);
        }
    }

    void IDeliveryObserver.OnClosed(Exception? error)
    {
        if (!_stopping)
        {
            _metrics.Current.RecordDisconnect();
        }
    }
}
