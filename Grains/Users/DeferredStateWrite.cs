namespace Chat.Grains.Users;

/// <summary>
/// A grain-state write that may wait. Read positions move with every message a member sees; writing each move would
/// make the store's work grow with members × messages, while losing the last few seconds of them to a crash only shows
/// a few messages as unread again. So a change is written at most once per <c>delay</c>, by a one-shot grain timer that
/// exists only while something waits (nothing ticks for an idle user). Any other write of the state carries the change
/// along (<see cref="Written"/>), and deactivation writes what is left (<see cref="FlushAsync"/>).
/// </summary>
internal sealed class DeferredStateWrite(IGrainBase grain, Func<Task> write, TimeSpan delay)
{
    private IGrainTimer? _timer;
    private bool _pending;

    /// <summary>Something changed; returns whether the caller must write now (no delay configured).</summary>
    public bool Changed()
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        _pending = true;
        _timer ??= grain.RegisterGrainTimer(
            _ => FlushAsync(),
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = false });
        return false;
    }

    /// <summary>The whole state was just written: nothing waits any more.</summary>
    public void Written() => _pending = false;

    /// <summary>Writes what waits, if anything, and drops the timer.</summary>
    public async Task FlushAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (_pending)
        {
            await write();
        }
    }
}
