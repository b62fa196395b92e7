using Chat.LoadTest.Measurement;
using Chat.LoadTest.Thresholds;

namespace Chat.LoadTest.Reporting;

/// <summary>
/// A run's results: what was asked, what was counted in the measured window, the latency percentiles (ms), their
/// histograms and second-by-second timeline, what the server and the tool spent, and the thresholds' verdicts.
/// In the REST scenarios and <c>connect</c>, the "ack" figures are the requests' (or connections') latencies.
/// </summary>
public sealed record LoadTestReport(
    string RunId,
    string Scenario,
    string LoadModel,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Urls,
    int Users,
    int Rooms,
    int Members,
    int Senders,
    int MessageSize,
    double WarmupSeconds,
    double DurationSeconds,
    double SetupSeconds,
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
    SeqStats Seq,
    IReadOnlyList<HistogramBucket> AckHistogram,
    IReadOnlyList<HistogramBucket> DeliveryHistogram,
    IReadOnlyList<TimePoint> Timeline,
    ResourceUsage? Server,
    ResourceUsage Tool)
{
    /// <summary>Deliveries owed to other members for acked messages that never arrived.</summary>
    public long MissingDeliveries => Math.Max(0, ExpectedDeliveries - Deliveries);

    /// <summary>What was lost: deliveries owed and never received, plus failed sends or requests.</summary>
    public long Loss => MissingDeliveries + Errors;

    /// <summary>True for fanout: its headline latency is send → delivery; elsewhere it is the request's.</summary>
    public bool HasDeliveries => Scenario == "fanout";

    /// <summary>Send → answer of every send or request, refusals and errors included (ms); none for <c>connect</c>.</summary>
    public LatencySummary? AnswerLatency { get; init; }

    /// <summary>The tool's own garbage-collection pauses in the measured window.</summary>
    public GcPauses? ToolGc { get; init; }

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    public StepUpOutcome? StepUp { get; init; }

    public bool Passed => Thresholds.All(t => !t.Breached);
}
