using Chat.LoadTest.Cli;

namespace Chat.Tests.LoadTest;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1500ms", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData(" 0.5S ", 500)]
    public void TryParse_ReadsSecondsAndUnits(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, tolerance: 0.001);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("1h")]
    [InlineData("NaN")]
    public void TryParse_RefusesWhatIsNotADuration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
