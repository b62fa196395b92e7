using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Reporting;

/// <summary>
/// The tool's garbage-collection pauses in the measured window: how many, how long in all (ms), and their share of
/// the window (%). Every message in flight during a pause is timed that much later, so the share says how much of a
/// latency tail may be the tool's own.
/// </summary>
public sealed record GcPauses(int Collections, double PausedMilliseconds, double PercentOfWindow)
{
    public static GcPauses Between(GcSnapshot start, GcSnapshot end, double windowSeconds)
    {
        var paused = end.Paused - start.Paused;
        return new GcPauses(
            end.Collections - start.Collections,
            Math.Round(paused.TotalMilliseconds, 1),
            windowSeconds > 0 ? Math.Round(100 * paused.TotalSeconds / windowSeconds, 2) : 0);
    }
}
