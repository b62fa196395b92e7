using Chat.Grains.Notifications;

namespace Chat.Tests.Features;

public sealed class EmailThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryTake_AllowsOnePerInterval_AndTheNextCountsWhatWasHeldBack()
    {
        var throttle = new EmailThrottle(TimeSpan.FromMinutes(10));

        var first = throttle.TryTake(Start, out var beforeFirst);
        var held = Enumerable.Range(1, 3).Select(i => throttle.TryTake(Start.AddMinutes(i), out _)).ToArray();
        var atTheEnd = throttle.TryTake(Start.AddMinutes(10), out var beforeNext);
        var right = throttle.TryTake(Start.AddMinutes(10.5), out _);

        Assert.Equal((true, 0), (first, beforeFirst));
        Assert.Equal([false, false, false], held);
        Assert.Equal((true, 3), (atTheEnd, beforeNext));
        Assert.False(right);
    }
}
