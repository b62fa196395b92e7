using Chat.Api.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Api;

/// <summary>The latency-driven send limit: it falls while sends are slow, refuses past it, and comes back by itself.</summary>
public sealed class SendLatencyLimitTests
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void WhileSendsAreFast_TheLimitStaysAtItsCeiling_AndRefusesOnlyPastIt()
    {
        var limit = new SendLatencyLimit(ceiling: 3, floor: 1, Target, _time);

        for (var window = 0; window < 4; window++)
        {
            Assert.True(limit.TryEnter());
            Assert.True(limit.TryEnter());
            Assert.True(limit.TryEnter());
            Assert.False(limit.TryEnter());
            _time.Advance(SendLatencyLimit.Window);
            Assert.Null(limit.Exit(TimeSpan.FromMilliseconds(5)));
            Assert.Null(limit.Exit(TimeSpan.FromMilliseconds(5)));
            Assert.Null(limit.Exit(TimeSpan.FromMilliseconds(5)));
        }

        Assert.Equal(3, limit.Current);
        Assert.Equal(0, limit.InFlight);
    }

    [Fact]
    public void WhenMoreThanATenthOfAWindowsSendsAreSlow_TheLimitFallsToThreeQuartersOfWhatWasInFlight()
    {
        var limit = new SendLatencyLimit(ceiling: 400, floor: 4, Target, _time);
        Enter(limit, 100);

        for (var i = 0; i < 89; i++)
        {
            Assert.Null(limit.Exit(i < 81 ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromSeconds(2)));
        }

        _time.Advance(SendLatencyLimit.Window);
        var change = limit.Exit(TimeSpan.FromSeconds(2));

        // 9 of 90 slow is not more than a tenth: the limit holds.
        Assert.Null(change);
        Enter(limit, 89);
        for (var i = 0; i < 20; i++)
        {
            limit.Exit(i < 18 ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromSeconds(1));
        }

        _time.Advance(SendLatencyLimit.Window);
        change = limit.Exit(TimeSpan.FromSeconds(1));

        // 3 of 21 slow; at most 99 were in flight in the window, so the limit is 3/4 of 99, not of the ceiling.
        Assert.Equal(new SendLimitChange(400, 74, 3, 21), change);
        Assert.Equal(74, limit.Current);
    }

    [Fact]
    public void TwoSlowSendsAreNotATrend_EvenWhenTheyAreAllThatEnded()
    {
        var limit = new SendLatencyLimit(ceiling: 100, floor: 4, Target, _time);
        Enter(limit, 2);

        Assert.Null(limit.Exit(TimeSpan.FromSeconds(1)));
        _time.Advance(SendLatencyLimit.Window);
        Assert.Null(limit.Exit(TimeSpan.FromSeconds(1)));

        Assert.Equal(100, limit.Current);
    }

    [Fact]
    public void UnderSustainedSlowness_TheLimitStopsAtItsFloor_AndSendsPastItAreRefused()
    {
        var limit = new SendLatencyLimit(ceiling: 100, floor: 4, Target, _time);

        for (var window = 0; window < 20; window++)
        {
            var entered = Enter(limit, 100);
            _time.Advance(SendLatencyLimit.Window);
            for (var i = 0; i < entered; i++)
            {
                limit.Exit(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(4, limit.Current);
        Assert.Equal(4, Enter(limit, 10));
    }

    [Fact]
    public void WhenSendsAreFastAgain_TheLimitClimbsBackToItsCeiling_ButOnlyWhileItIsReached()
    {
        var limit = new SendLatencyLimit(ceiling: 100, floor: 4, Target, _time);
        Enter(limit, 10);
        for (var i = 0; i < 9; i++)
        {
            limit.Exit(TimeSpan.FromSeconds(1));
        }

        _time.Advance(SendLatencyLimit.Window);
        limit.Exit(TimeSpan.FromSeconds(1));

        Assert.Equal(7, limit.Current);

        // Fast sends that never reach the limit do not raise it: there is no evidence the silo could take more.
        Enter(limit, 3);
        _time.Advance(SendLatencyLimit.Window);
        Assert.Null(limit.Exit(TimeSpan.FromMilliseconds(5)));
        limit.Exit(TimeSpan.FromMilliseconds(5));
        limit.Exit(TimeSpan.FromMilliseconds(5));
        Assert.Equal(7, limit.Current);

        var windows = 0;
        while (limit.Current < 100)
        {
            Assert.True(++windows <= 30, $"the limit is still {limit.Current} after {windows} fast windows");
            var entered = Enter(limit, 200);
            _time.Advance(SendLatencyLimit.Window);
            for (var i = 0; i < entered; i++)
            {
                limit.Exit(TimeSpan.FromMilliseconds(5));
            }
        }

        Assert.Equal(100, limit.Current);
    }

    [Fact]
    public void ASendThatDidNotRun_FreesItsPlaceWithoutCountingAsFast()
    {
        var limit = new SendLatencyLimit(ceiling: 1, floor: 1, Target, _time);

        Assert.True(limit.TryEnter());
        limit.Leave();

        Assert.Equal(0, limit.InFlight);
        Assert.True(limit.TryEnter());
    }

    private static int Enter(SendLatencyLimit limit, int count)
    {
        var entered = 0;
        while (entered < count && limit.TryEnter())
        {
            entered++;
        }

        return entered;
    }
}
