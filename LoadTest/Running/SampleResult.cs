using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>What <see cref="RunSampler"/> saw: the timeline, and the server's and tool's usage and the tool's garbage collections at the window's edges.</summary>
public sealed record SampleResult(
    IReadOnlyList<TimePoint> Timeline,
    ProcessUsage? ServerStart,
    ProcessUsage? ServerEnd,
    long ServerPeakBytes,
    ProcessUsage ToolStart,
    ProcessUsage ToolEnd,
    GcSnapshot ToolGcStart,
    GcSnapshot ToolGcEnd);
