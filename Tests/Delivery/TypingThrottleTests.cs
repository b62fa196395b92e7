using Chat.Grains.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Delivery;

public sealed class TypingThrottleTests
{
    [Fact]
    public void OneNoticePerUserAndPeriod_PassesThrough()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var throttle = new TypingThrottle(TimeSpan.FromSeconds(2), time);

        Assert.True(throttle.TryPass("ann"));
        Assert.False(throttle.TryPass("ann"));
        Assert.True(throttle.TryPass("bob"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(throttle.TryPass("ann"));
    }

    [Fact]
    public void PastItsBound_ExpiredUsersAreSwept_AndRecentOnesStillThrottled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var throttle = new TypingThrottle(TimeSpan.FromSeconds(2), time);
        for (var i = 0; i < TypingThrottle.MaxTracked; i++)
        {
            Assert.True(throttle.TryPass($"u{i}"));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryPass("late"));
        Assert.False(throttle.TryPass("u0"));
    }
}
