namespace Chat.LoadTest.Running;

/// <summary>
/// The open model's timetable: sends are injected at <see cref="Rate"/> per second in all, whether or not earlier ones
/// were answered, after a linear ramp from 0 over <see cref="Ramp"/>. Send <c>k</c> (0-based, over all actors) is
/// due when the integral of the rate reaches <c>k</c>; actor <c>a</c> of <c>n</c> makes sends <c>a, a + n, a + 2n…</c>,
/// so the actors interleave evenly.
/// </summary>
public sealed record OpenSchedule(double Rate, TimeSpan Ramp)
{
    /// <summary>When send <paramref name="k"/> is due, counted from the start of sending.</summary>
    public TimeSpan DueTime(long k)
    {
        var ramp = Ramp.TotalSeconds;
        if (ramp <= 0)
        {
            return TimeSpan.FromSeconds(k / Rate);
        }

        // During the ramp the rate is Rate·t/ramp, so sends so far = Rate·t²/(2·ramp).
        var inRamp = Rate * ramp / 2;
        return k <= inRamp
            ? TimeSpan.FromSeconds(Math.Sqrt(2 * ramp * k / Rate))
            : TimeSpan.FromSeconds(ramp + ((k - inRamp) / Rate));
    }

    /// <summary>Sends due before <paramref name="end"/>.</summary>
    public long CountBefore(TimeSpan end)
    {
        var t = end.TotalSeconds;
        var ramp = Ramp.TotalSeconds;
        var sends = ramp <= 0 ? Rate * t : t <= ramp ? Rate * t * t / (2 * ramp) : (Rate * ramp / 2) + (Rate * (t - ramp));
        return (long)Math.Ceiling(sends);
    }
}
