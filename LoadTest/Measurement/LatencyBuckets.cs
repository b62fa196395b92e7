namespace Chat.LoadTest.Measurement;

/// <summary>
/// Groups latencies into logarithmic buckets for the reports' histogram: 1-2-5 steps from 0.1 ms to 60 s, so a bar's
/// width reads at a glance whatever the spread. Empty buckets before the first and after the last value are dropped.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds in milliseconds.</summary>
    public static readonly IReadOnlyList<double> BoundsMs =
    [
        0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000,
    ];

    public static IReadOnlyList<HistogramBucket> FromMicroseconds(IEnumerable<(long Microseconds, long Count)> values)
    {
        var counts = new long[BoundsMs.Count];
        foreach (var (microseconds, count) in values)
        {
            var ms = microseconds / 1000.0;
            var index = 0;
            while (index < BoundsMs.Count - 1 && ms > BoundsMs[index])
            {
                index++;
            }

            counts[index] += count;
        }

        var first = Array.FindIndex(counts, c => c > 0);
        if (first < 0)
        {
            return [];
        }

        var last = Array.FindLastIndex(counts, c => c > 0);
        return [.. Enumerable.Range(first, last - first + 1).Select(i => new HistogramBucket(BoundsMs[i], counts[i]))];
    }
}
