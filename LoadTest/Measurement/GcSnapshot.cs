namespace Chat.LoadTest.Measurement;

/// <summary>
/// The tool's own garbage collections so far: how many (every collection collects generation 0, so its count is the
/// total) and how long they paused the process. Two snapshots give what fell into a window.
/// </summary>
public readonly record struct GcSnapshot(int Collections, TimeSpan Paused)
{
    public static GcSnapshot Now() => new(GC.CollectionCount(0), GC.GetTotalPauseDuration());
}
