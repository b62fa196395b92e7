using System.Text;

namespace Chat.LoadTest.Reporting;

/// <summary>The report as Markdown: settings, latency, counts, resources, thresholds and step-up steps.</summary>
public static class MarkdownReport
{
    public static string Render(LoadTestReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(ReportText.Invariant($"# Load test {report.RunId}: {report.Scenario}"));
        md.AppendLine();
        md.AppendLine(ReportText.Invariant($"Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC against {string.Join(", ", report.Urls)}; {report.ProcessorCount} processors on this machine."));
        md.AppendLine();
        md.AppendLine("## Latency (ms)");
        md.AppendLine();
        md.AppendLine("| | count | mean | p50 | p90 | p99 | p99.9 | max |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, s) in ReportText.LatencyRows(report))
        {
            md.AppendLine($"| {name} | {ReportText.Number(s.Count)} | {ReportText.Number(s.Mean)} | {ReportText.Number(s.P50)} | {ReportText.Number(s.P90)} | {ReportText.Number(s.P99)} | {ReportText.Number(s.P999)} | {ReportText.Number(s.Max)} |");
        }

        md.AppendLine();
        md.AppendLine("## Counts and resources");
        md.AppendLine();
        md.AppendLine("| what | value |");
        md.AppendLine("| --- | ---: |");
        foreach (var (what, value) in ReportText.CountRows(report))
        {
            md.AppendLine($"| {what} | {value} |");
        }

        if (report.Thresholds.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Thresholds");
            md.AppendLine();
            md.AppendLine("| fail if | actual | verdict |");
            md.AppendLine("| --- | ---: | --- |");
            foreach (var t in report.Thresholds)
            {
                md.AppendLine($"| `{t.Condition}` | {ReportText.Number(t.Actual)} | {(t.Breached ? "**broken**" : "held")} |");
            }
        }

        if (report.StepUp is { } stepUp)
        {
            md.AppendLine();
            md.AppendLine("## Step-up");
            md.AppendLine();
            md.AppendLine(stepUp.HeldRate is { } rate
                ? ReportText.Invariant($"Highest rate that held twice: **{ReportText.Number(rate)} msg/s**, {ReportText.Number(stepUp.HeldDeliveriesPerSecond)} deliveries/s.")
                : "No rate held.");
            md.AppendLine();
            md.AppendLine("| step | phase | msg/s asked | deliveries/s | p50 ms | p99 ms | loss | server µs/delivery | tool CPU % | held |");
            md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var s in stepUp.Steps)
            {
                md.AppendLine($"| {s.Step} | {s.Phase} | {ReportText.Number(s.Rate)} | {ReportText.Number(s.DeliveriesPerSecond)} | {ReportText.Number(s.DeliveryP50)} | {ReportText.Number(s.DeliveryP99)} | {ReportText.Number(s.Loss)} | {ReportText.Number(s.ServerCpuMicrosecondsPerDelivery)} | {ReportText.Number(s.ToolCpuPercent)} | {(s.Held ? "yes" : "no")} |");
            }
        }

        md.AppendLine();
        md.AppendLine(report.Passed ? "Verdict: **passed**." : "Verdict: **failed** (a threshold broke).");
        return md.ToString();
    }
}
