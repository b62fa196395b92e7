using System.Net;
using System.Text;

namespace Chat.LoadTest.Reporting;

/// <summary>
/// The report as one self-contained HTML page: the tables of the Markdown report and inline SVG charts (latency over
/// time, the latency histogram, server and tool CPU over time). Nothing is loaded from anywhere else.
/// </summary>
public static class HtmlReport
{
    public static string Render(LoadTestReport report)
    {
        var html = new StringBuilder();
        var title = $"Load test {report.RunId}: {report.Scenario}";
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(title)}</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:800px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.bad{color:#b00;font-weight:bold}</style>");
        html.AppendLine("</head><body>");
        html.AppendLine($"<h1>{E(title)}</h1>");
        html.AppendLine(ReportText.Invariant($"<p>Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC against {E(string.Join(", ", report.Urls))}; {report.ProcessorCount} processors. Verdict: <b class=\"{(report.Passed ? "" : "bad")}\">{(report.Passed ? "passed" : "failed")}</b>.</p>"));

        html.AppendLine("<h2>Latency (ms)</h2><table><tr><th></th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
        foreach (var (name, s) in ReportText.LatencyRows(report))
        {
            html.AppendLine($"<tr><td>{E(name)}</td><td>{ReportText.Number(s.Count)}</td><td>{ReportText.Number(s.Mean)}</td><td>{ReportText.Number(s.P50)}</td><td>{ReportText.Number(s.P90)}</td><td>{ReportText.Number(s.P99)}</td><td>{ReportText.Number(s.P999)}</td><td>{ReportText.Number(s.Max)}</td></tr>");
        }

        html.AppendLine("</table>");
        var latencyName = report.HasDeliveries ? "delivery" : "request";
        var measured = report.Timeline.Where(p => p.Second > 0).ToList();
        html.AppendLine(SvgChart.Lines(
            $"{latencyName} latency over time",
            "second of the measured window",
            "ms",
            [
                ($"{latencyName} p50", "#2a7", [.. measured.Select(p => (p.Second, p.LatencyP50))]),
                ($"{latencyName} p99", "#c33", [.. measured.Select(p => (p.Second, p.LatencyP99))]),
            ]));
        html.AppendLine(SvgChart.Histogram($"{latencyName} latency histogram", report.HasDeliveries ? report.DeliveryHistogram : report.AckHistogram));
        var cpu = new List<(string, string, IReadOnlyList<(double, double)>)>
        {
            ("tool CPU %", "#888", [.. report.Timeline.Select(p => (p.Second, p.ToolCpuPercent))]),
        };
        if (report.Server is not null)
        {
            cpu.Insert(0, ("server CPU %", "#36c", [.. report.Timeline.Where(p => p.ServerCpuPercent is not null).Select(p => (p.Second, p.ServerCpuPercent!.Value))]));
        }

        html.AppendLine(SvgChart.Lines("CPU over time (% of one core; warm-up at negative seconds)", "second", "% of one core", cpu));

        html.AppendLine("<h2>Counts and resources</h2><table><tr><th>what</th><th>value</th></tr>");
        foreach (var (what, value) in ReportText.CountRows(report))
        {
            html.AppendLine($"<tr><td>{E(what)}</td><td>{E(value)}</td></tr>");
        }

        html.AppendLine("</table>");
        if (report.Thresholds.Count > 0)
        {
            html.AppendLine("<h2>Thresholds</h2><table><tr><th>fail if</th><th>actual</th><th>verdict</th></tr>");
            foreach (var t in report.Thresholds)
            {
                html.AppendLine($"<tr><td><code>{E(t.Condition)}</code></td><td>{ReportText.Number(t.Actual)}</td><td class=\"{(t.Breached ? "bad" : "")}\">{(t.Breached ? "broken" : "held")}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        if (report.StepUp is { } stepUp)
        {
            html.AppendLine("<h2>Step-up</h2>");
            html.AppendLine(stepUp.HeldRate is { } rate
                ? ReportText.Invariant($"<p>Highest rate that held twice: <b>{ReportText.Number(rate)} msg/s</b>, {ReportText.Number(stepUp.HeldDeliveriesPerSecond)} deliveries/s.</p>")
                : "<p class=\"bad\">No rate held.</p>");
            html.AppendLine("<table><tr><th>step</th><th>phase</th><th>msg/s asked</th><th>deliveries/s</th><th>p50 ms</th><th>p99 ms</th><th>loss</th><th>server µs/delivery</th><th>tool CPU %</th><th>held</th></tr>");
            foreach (var s in stepUp.Steps)
            {
                html.AppendLine($"<tr><td>{s.Step}</td><td>{E(s.Phase)}</td><td>{ReportText.Number(s.Rate)}</td><td>{ReportText.Number(s.DeliveriesPerSecond)}</td><td>{ReportText.Number(s.DeliveryP50)}</td><td>{ReportText.Number(s.DeliveryP99)}</td><td>{ReportText.Number(s.Loss)}</td><td>{ReportText.Number(s.ServerCpuMicrosecondsPerDelivery)}</td><td>{ReportText.Number(s.ToolCpuPercent)}</td><td>{(s.Held ? "yes" : "no")}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
