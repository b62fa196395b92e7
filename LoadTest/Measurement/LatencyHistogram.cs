using HdrHistogram;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// A thread-safe HdrHistogram of latencies in microseconds, 1 µs to 60 s at three significant digits
/// (0.1 % error). Longer values are recorded as 60 s and counted in <see cref="Clamped"/>.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestMicroseconds = 60_000_000;

    private readonly LongHistogram _histogram = new(1, HighestMicroseconds, 3);
    private readonly Lock _lock = new();
    private long _clamped;

    public long Clamped => Interlocked.Read(ref _clamped);

    public void Record(TimeSpan latency)
    {
        var microseconds = (long)latency.TotalMicroseconds;
        if (microseconds > HighestMicroseconds)
        {
            Interlocked.Increment(ref _clamped);
        }

        microseconds = Math.Clamp(microseconds, 1, HighestMicroseconds);
        lock (_lock)
        {
            _histogram.RecordValue(microseconds);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            return LatencySummary.FromMicroseconds(_histogram);
        }
    }
}
