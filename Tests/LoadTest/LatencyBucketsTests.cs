using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void FromMicroseconds_GroupsIntoOneTwoFiveBuckets_AndTrimsEmptyEnds()
    {
        var buckets = LatencyBuckets.FromMicroseconds([(800, 3), (1_000, 2), (1_500, 4), (40_000, 1)]);

        Assert.Equal(
            [new HistogramBucket(1, 5), new HistogramBucket(2, 4), new HistogramBucket(5, 0), new HistogramBucket(10, 0), new HistogramBucket(20, 0), new HistogramBucket(50, 1)],
            buckets);
    }

    [Fact]
    public void FromMicroseconds_Nothing_GivesNoBucket()
    {
        Assert.Empty(LatencyBuckets.FromMicroseconds([]));
    }

    [Fact]
    public void Histogram_Buckets_CountEveryRecordedValue()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1_000; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(1 + (i % 10)));
        }

        Assert.Equal(1_000, histogram.Buckets().Sum(b => b.Count));
        Assert.Equal(1_000, histogram.Summarize().Count);
    }
}
