using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Summarize_Empty_IsAllZero()
    {
        Assert.Equal(LatencySummary.Empty, new LatencyHistogram().Summarize());
    }

    [Fact]
    public void Summarize_OneToThousandMilliseconds_GivesPercentilesWithinHistogramPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = histogram.Summarize();

        Assert.Equal(1000, summary.Count);
        Assert.Equal(500, summary.P50, tolerance: 1);
        Assert.Equal(900, summary.P90, tolerance: 1);
        Assert.Equal(990, summary.P99, tolerance: 1);
        Assert.Equal(999, summary.P999, tolerance: 1);
        Assert.Equal(1000, summary.Max, tolerance: 1);
        Assert.Equal(500.5, summary.Mean, tolerance: 1);
    }

    [Fact]
    public void Record_BeyondSixtySeconds_IsClampedAndCounted()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromMinutes(5));

        Assert.Equal(1, histogram.Clamped);
        Assert.Equal(60_000, histogram.Summarize().Max, tolerance: 60);
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNoValue()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record(TimeSpan.FromMicroseconds(100 + i));
            }
        })));

        Assert.Equal(40_000, histogram.Summarize().Count);
    }
}
