namespace Chat.LoadTest.Cli;

/// <summary>
/// Step-up mode: from <paramref name="Start"/> msg/s, times <paramref name="Factor"/> per step, up to <paramref name="Max"/>.
/// Before each confirmation the tool sends nothing for <paramref name="Settle"/>: the step that broke left the server
/// with queues to drain and collections to run, and a confirmation started at once would measure that aftermath
/// instead of the rate it confirms.
/// </summary>
public sealed record StepUpSettings(double Start, double Factor, double Max, TimeSpan Settle = default)
{
    /// <summary>The quiet time before a confirmation unless <c>--settle</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(15);

    /// <summary>The longest quiet time <c>--settle</c> takes.</summary>
    public static readonly TimeSpan MaxSettle = TimeSpan.FromMinutes(5);
}
