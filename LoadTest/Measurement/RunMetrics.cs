using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// Everything a run counts. Only messages sent inside the measured window (after the warm-up) are timed and
/// counted; the window is given in <see cref="Stopwatch"/> timestamps, which every send id carries.
/// </summary>
public sealed class RunMetrics
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _attempted;
    private long _sent;
    private long _acked;
    private long _deliveries;
    private long _expectedDeliveries;
    private long _skipped;
    private long _disconnects;
    private long _deliveredInWindow;
    private long _answeredInWindow;

    public LatencyHistogram Ack { get; } = new();

    public LatencyHistogram Delivery { get; } = new();

    /// <summary>Send → answer, whatever the answer: an acknowledgement, a refusal or an error (the wait overload may not exceed).</summary>
    public LatencyHistogram Answer { get; } = new();

    /// <summary>Sends started in any phase, warm-up included.</summary>
    public long Attempted => Interlocked.Read(ref _attempted);

    public long Sent => Interlocked.Read(ref _sent);

    public long Acked => Interlocked.Read(ref _acked);

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long ExpectedDeliveries => Interlocked.Read(ref _expectedDeliveries);

    /// <summary>Sends not made because the user already had too many waiting for their ack (the server is behind).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Deliveries that arrived inside the window, whenever they were sent: the work the server did in it.</summary>
    public long DeliveredInWindow => Interlocked.Read(ref _deliveredInWindow);

    /// <summary>Acks (answers) that arrived inside the window, whenever they were sent.</summary>
    public long AnsweredInWindow => Interlocked.Read(ref _answeredInWindow);

    public long Errors => _errors.Values.Sum();

    public IReadOnlyDictionary<string, long> ErrorsByKind => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public void SetWindow(long startTimestamp, long endTimestamp)
    {
        Volatile.Write(ref _windowEnd, endTimestamp);
        Volatile.Write(ref _windowStart, startTimestamp);
    }

    public bool InWindow(long sentTimestamp) =>
        sentTimestamp >= Volatile.Read(ref _windowStart) && sentTimestamp < Volatile.Read(ref _windowEnd);

    public void RecordAttempt(long sentTimestamp)
    {
        Interlocked.Increment(ref _attempted);
        if (InWindow(sentTimestamp))
        {
            Interlocked.Increment(ref _sent);
        }
    }

    public void RecordSkipped(long dueTimestamp)
    {
        if (InWindow(dueTimestamp))
        {
            Interlocked.Increment(ref _skipped);
        }
    }

    /// <summary>An ack arrived; <paramref name="otherMembers"/> receivers should now get the message.</summary>
    public void RecordAck(long sentTimestamp, long ackTimestamp, int otherMembers)
    {
        if (InWindow(ackTimestamp))
        {
            Interlocked.Increment(ref _answeredInWindow);
        }

        if (InWindow(sentTimestamp))
        {
            Ack.Record(Stopwatch.GetElapsedTime(sentTimestamp, ackTimestamp));
            Answer.Record(Stopwatch.GetElapsedTime(sentTimestamp, ackTimestamp));
            Interlocked.Increment(ref _acked);
            Interlocked.Add(ref _expectedDeliveries, otherMembers);
        }
    }

    public void RecordDelivery(long sentTimestamp, long receivedTimestamp)
    {
        if (InWindow(receivedTimestamp))
        {
            Interlocked.Increment(ref _deliveredInWindow);
        }

        if (InWindow(sentTimestamp))
        {
            Delivery.Record(Stopwatch.GetElapsedTime(sentTimestamp, receivedTimestamp));
            Interlocked.Increment(ref _deliveries);
        }
    }

    /// <summary>A send failed or was refused at <paramref name="answeredTimestamp"/>.</summary>
    public void RecordError(long sentTimestamp, long answeredTimestamp, string kind)
    {
        if (InWindow(sentTimestamp))
        {
            Answer.Record(Stopwatch.GetElapsedTime(sentTimestamp, answeredTimestamp));
            _errors.AddOrUpdate(kind, 1, static (_, count) => count + 1);
        }
    }

    public void RecordDisconnect() => Interlocked.Increment(ref _disconnects);
}
