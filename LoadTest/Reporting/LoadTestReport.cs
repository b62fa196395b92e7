using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Reporting;

/// <summary>A run's results: what was asked, what was counted, the latency percentiles (ms) and the throughput.</summary>
public sealed record LoadTestReport(
    string RunId,
    DateTimeOffset StartedAt,
    string Url,
    int Users,
    int Rooms,
    int RoomsPerUser,
    double RatePerUser,
    double WarmupSeconds,
    double DurationSeconds,
    int ProcessorCount,
    long Sent,
    long Acked,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long Skipped,
    long Disconnects,
    long Deliveries,
    long ExpectedDeliveries,
    double AcksPerSecond,
    double DeliveriesPerSecond,
    LatencySummary AckLatency,
    LatencySummary DeliveryLatency,
    SeqStats Seq)
{
    /// <summary>Deliveries owed to other members for acked messages that never arrived.</summary>
    public long MissingDeliveries => Math.Max(0, ExpectedDeliveries - Deliveries);
}
