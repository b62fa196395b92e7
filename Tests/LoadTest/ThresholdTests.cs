using Chat.LoadTest.Thresholds;

namespace Chat.Tests.LoadTest;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99>100ms", "p99", ThresholdOperator.Greater, 100)]
    [InlineData("p99 > 0.1s", "p99", ThresholdOperator.Greater, 100)]
    [InlineData("p50>=500us", "p50", ThresholdOperator.GreaterOrEqual, 0.5)]
    [InlineData("ack-p99>10", "ack-p99", ThresholdOperator.Greater, 10)]
    [InlineData("loss>0", "loss", ThresholdOperator.Greater, 0)]
    [InlineData("rate<45000", "rate", ThresholdOperator.Less, 45_000)]
    [InlineData("cpu-us<=14", "cpu-us", ThresholdOperator.LessOrEqual, 14)]
    public void TryParse_ReadsFigureOperatorAndLimitInMilliseconds(string text, string metric, ThresholdOperator op, double limit)
    {
        Assert.True(Threshold.TryParse(text, out var threshold, out var error), error);

        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit, tolerance: 1e-9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("p99")]
    [InlineData("p98>100ms")]
    [InlineData("loss>0ms")]
    [InlineData("p99>fast")]
    [InlineData(">100")]
    public void TryParse_RefusesWhatIsNotACondition(string text)
    {
        Assert.False(Threshold.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void IsBreachedBy_ComparesWithTheLimit_AndAMissingFigureNeverBreaks()
    {
        Assert.True(Threshold.TryParse("p99>100ms", out var p99, out _));
        Assert.True(Threshold.TryParse("rate<1000", out var rate, out _));

        Assert.True(p99.IsBreachedBy(100.5));
        Assert.False(p99.IsBreachedBy(100));
        Assert.True(rate.IsBreachedBy(999));
        Assert.False(rate.IsBreachedBy(1000));
        Assert.False(p99.IsBreachedBy(null));
    }
}
