namespace Chat.LoadTest.Measurement;

/// <summary>
/// One second of a run: counts in that second, delivery (or request) latency of that second (ms), and, when a server
/// PID was given, the server's CPU share of one core (%) and resident memory (MiB); the tool's own CPU share too.
/// </summary>
public sealed record TimePoint(
    double Second,
    long Sent,
    long Acked,
    long Deliveries,
    double LatencyP50,
    double LatencyP99,
    double LatencyMax,
    double AckP99,
    double? ServerCpuPercent,
    double? ServerMemoryMiB,
    double ToolCpuPercent);
