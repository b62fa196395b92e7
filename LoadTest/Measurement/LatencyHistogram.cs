using HdrHistogram;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// A thread-safe HdrHistogram of latencies in microseconds, 1 µs to 60 s at three significant digits
/// (0.1 % error). Longer values are recorded as 60 s and counted in <see cref="Clamped"/>. Writers go through an
/// HdrHistogram <see cref="Recorder"/> (wait-free, no lock on the receive path); <see cref="TakeInterval"/> moves
/// what was recorded since the last call into the cumulative histogram and summarises that interval alone.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestMicroseconds = 60_000_000;
    private const int SignificantDigits = 3;

    private readonly Recorder _recorder = new(1, HighestMicroseconds, SignificantDigits, static (id, lowest, highest, digits) => new LongHistogram(id, lowest, highest, digits));
    private readonly LongHistogram _total = new(1, HighestMicroseconds, SignificantDigits);
    private readonly Lock _lock = new();
    private HistogramBase? _spare;
    private long _clamped;

    public long Clamped => Interlocked.Read(ref _clamped);

    public void Record(TimeSpan latency) => RecordMicroseconds((long)latency.TotalMicroseconds);

    public void RecordMicroseconds(long microseconds)
    {
        if (microseconds > HighestMicroseconds)
        {
            Interlocked.Increment(ref _clamped);
            microseconds = HighestMicroseconds;
        }
        else if (microseconds < 1)
        {
            microseconds = 1;
        }

        _recorder.RecordValue(microseconds);
    }

    /// <summary>Summarises the values recorded since the previous call (and adds them to the total).</summary>
    public LatencySummary TakeInterval()
    {
        lock (_lock)
        {
            var interval = Drain();
            return LatencySummary.FromMicroseconds(interval);
        }
    }

    /// <summary>Summarises everything recorded so far.</summary>
    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            Drain();
            return LatencySummary.FromMicroseconds(_total);
        }
    }

    /// <summary>Counts of everything recorded so far, in the logarithmic buckets of <see cref="LatencyBuckets"/>.</summary>
    public IReadOnlyList<HistogramBucket> Buckets()
    {
        lock (_lock)
        {
            Drain();
            return LatencyBuckets.FromMicroseconds(_total.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
        }
    }

    private HistogramBase Drain()
    {
        var interval = _recorder.GetIntervalHistogram(_spare);
        _total.Add(interval);
        _spare = interval;
        return interval;
    }
}
