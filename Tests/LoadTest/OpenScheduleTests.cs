using Chat.LoadTest.Running;

namespace Chat.Tests.LoadTest;

public sealed class OpenScheduleTests
{
    [Fact]
    public void WithoutRamp_SendsAreEvenlySpacedAtTheRate()
    {
        var schedule = new OpenSchedule(Rate: 1_000, Ramp: TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, schedule.DueTime(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1), schedule.DueTime(1));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.DueTime(10_000));
        Assert.Equal(10_000, schedule.CountBefore(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void WithRamp_TheRateRisesLinearly_ThenHolds()
    {
        var schedule = new OpenSchedule(Rate: 1_000, Ramp: TimeSpan.FromSeconds(10));

        // Half the full rate on average during the ramp: 5,000 sends in its 10 s, a quarter of them in the first 5 s.
        Assert.Equal(10, schedule.DueTime(5_000).TotalSeconds, tolerance: 1e-9);
        Assert.Equal(5, schedule.DueTime(1_250).TotalSeconds, tolerance: 1e-9);
        Assert.Equal(11, schedule.DueTime(6_000).TotalSeconds, tolerance: 1e-9);
        Assert.Equal(6_000, schedule.CountBefore(TimeSpan.FromSeconds(11)));
    }

    [Fact]
    public void DueTimes_NeverGoBackwards()
    {
        var schedule = new OpenSchedule(Rate: 333, Ramp: TimeSpan.FromSeconds(3));

        var times = Enumerable.Range(0, 5_000).Select(k => schedule.DueTime(k)).ToList();

        Assert.Equal(times.Order(), times);
    }
}
