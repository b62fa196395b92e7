namespace Chat.Api.Infrastructure;

/// <summary>
/// How many sends a front silo lets in at once, moved by how long sends take (additive-increase, multiplicative-decrease
/// on latency). Each <see cref="Window"/> the sends that ended are looked at: when more than a tenth (and at least
/// three) took longer than the target, the limit falls to three quarters of what was really in flight; when at most a
/// twentieth did and the limit was reached, it rises by a quarter. A saturated silo therefore refuses the excess at
/// once instead of letting every send wait, and gets its full limit back by itself when the load drops. Thread-safe; no
/// timer (windows close as sends end).
/// </summary>
public sealed class SendLatencyLimit
{
    /// <summary>How often the limit may move.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>Slow sends a window needs before it lowers the limit: one slow send (a pause, a cold start) is not a trend.</summary>
    private const int MinSlowToLower = 3;

    private readonly Lock _lock = new();
    private readonly int _ceiling;
    private readonly int _floor;
    private readonly TimeSpan _target;
    private readonly TimeProvider _time;

    private int _limit;
    private int _inFlight;
    private int _peakInFlight;
    private int _ended;
    private int _slow;
    private long _windowStarted;

    /// <param name="ceiling">The most sends in at once, also the limit while sends are fast.</param>
    /// <param name="floor">The least the limit falls to, so that a slow silo still makes progress.</param>
    /// <param name="target">A send slower than this counts as slow.</param>
    public SendLatencyLimit(int ceiling, int floor, TimeSpan target, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(floor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, floor);
        _ceiling = ceiling;
        _floor = floor;
        _target = target;
        _time = time;
        _limit = ceiling;
        _windowStarted = time.GetTimestamp();
    }

    /// <summary>The limit now.</summary>
    public int Current
    {
        get { lock (_lock) { return _limit; } }
    }

    /// <summary>Sends let in and not ended yet.</summary>
    public int InFlight
    {
        get { lock (_lock) { return _inFlight; } }
    }

    /// <summary>Lets a send in when fewer than the limit are in; the caller then calls <see cref="Exit"/> or <see cref="Leave"/> exactly once.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_inFlight >= _limit)
            {
                return false;
            }

            _inFlight++;
            _peakInFlight = Math.Max(_peakInFlight, _inFlight);
            return true;
        }
    }

    /// <summary>A send let in by <see cref="TryEnter"/> did not run after all (refused further on): no latency to learn from.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            _inFlight--;
        }
    }

    /// <summary>A send let in by <see cref="TryEnter"/> ended after <paramref name="took"/>; returns the limit change, if any.</summary>
    public SendLimitChange? Exit(TimeSpan took)
    {
        lock (_lock)
        {
            _inFlight--;
            _ended++;
            if (took > _target)
            {
                _slow++;
            }

            var now = _time.GetTimestamp();
            return _time.GetElapsedTime(_windowStarted, now) < Window ? null : CloseWindow(now);
        }
    }

    private SendLimitChange? CloseWindow(long now)
    {
        var before = _limit;
        if (_slow >= MinSlowToLower && _slow * 10 > _ended)
        {
            _limit = Math.Max(_floor, Math.Min(_limit, _peakInFlight) * 3 / 4);
        }
        else if (_slow * 20 <= _ended && _peakInFlight >= _limit)
        {
            _limit = Math.Min(_ceiling, _limit + Math.Max(1, _limit / 4));
        }

        var change = _limit == before ? (SendLimitChange?)null : new SendLimitChange(before, _limit, _slow, _ended);
        _windowStarted = now;
        _ended = 0;
        _slow = 0;
        _peakInFlight = _inFlight;
        return change;
    }
}
