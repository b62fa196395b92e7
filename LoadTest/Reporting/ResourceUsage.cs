namespace Chat.LoadTest.Reporting;

/// <summary>
/// A process's CPU and memory over the measured window: CPU seconds, the share of one core (%), CPU microseconds per
/// delivery that arrived in the window (per answered request outside fanout; per connection for connect), resident memory at the start, end and peak (MiB), and for <c>connect</c>
/// the memory added per connection (KiB, from before the first connection to the end).
/// </summary>
public sealed record ResourceUsage(
    double CpuSeconds,
    double CpuPercentOfOneCore,
    double? CpuMicrosecondsPerOperation,
    double MemoryStartMiB,
    double MemoryEndMiB,
    double MemoryPeakMiB,
    double? KiBPerConnection);
