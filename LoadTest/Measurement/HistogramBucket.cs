namespace Chat.LoadTest.Measurement;

/// <summary>One bar of a latency histogram: the values in (previous bound, <paramref name="UpToMs"/>] milliseconds.</summary>
public sealed record HistogramBucket(double UpToMs, long Count);
