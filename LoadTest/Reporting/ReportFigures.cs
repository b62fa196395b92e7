using Chat.LoadTest.Thresholds;

namespace Chat.LoadTest.Reporting;

/// <summary>Looks up the figure a threshold names in a report, and checks thresholds against it.</summary>
public static class ReportFigures
{
    /// <summary>The figure, or null when the run has none (cpu-us without --server-pid, say).</summary>
    public static double? Value(LoadTestReport report, string metric)
    {
        var latency = report.HasDeliveries ? report.DeliveryLatency : report.AckLatency;
        return metric switch
        {
            "p50" => latency.P50,
            "p90" => latency.P90,
            "p99" => latency.P99,
            "p999" => latency.P999,
            "max" => latency.Max,
            "mean" => latency.Mean,
            "ack-p50" => report.AckLatency.P50,
            "ack-p99" => report.AckLatency.P99,
            "answer-max" => report.AnswerLatency?.Max,
            "loss" => report.Loss,
            "errors" => report.Errors,
            "skipped" => report.Skipped,
            "disconnects" => report.Disconnects,
            "rate" => report.HasDeliveries ? report.DeliveriesPerSecond : report.AcksPerSecond,
            "cpu-us" => report.Server?.CpuMicrosecondsPerOperation,
            _ => null,
        };
    }

    public static IReadOnlyList<ThresholdResult> Check(LoadTestReport report, IEnumerable<Threshold> thresholds) =>
    [
        .. thresholds.Select(t =>
        {
            var actual = Value(report, t.Metric);
            return new ThresholdResult(t.Text, actual, t.IsBreachedBy(actual));
        }),
    ];
}
