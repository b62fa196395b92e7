using System.Globalization;

namespace Chat.LoadTest.Reporting;

/// <summary>Number formats shared by the console, Markdown and HTML reports (invariant culture).</summary>
public static class ReportText
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "n/a";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rows of the latency table: name and summary.</summary>
    public static IEnumerable<(string Name, Measurement.LatencySummary Summary)> LatencyRows(LoadTestReport report)
    {
        IEnumerable<(string, Measurement.LatencySummary)> rows = report.HasDeliveries
            ? [("send → ack", report.AckLatency), ("send → delivery", report.DeliveryLatency)]
            : [(report.Scenario == "connect" ? "connect + join" : "request", report.AckLatency)];
        // With refusals or errors, how long the refused ones waited too: overload must answer, not only ack, in time.
        return report is { Errors: > 0, AnswerLatency: { } answer } ? [.. rows, ("send → answer (acked or refused)", answer)] : rows;
    }

    /// <summary>The rows of the counts table.</summary>
    public static IEnumerable<(string What, string Value)> CountRows(LoadTestReport report)
    {
        yield return ("scenario / load model", $"{report.Scenario} / {report.LoadModel}");
        yield return ("users / rooms / members / senders", $"{Number(report.Users)} / {Number(report.Rooms)} / {Number(report.Members)} / {Number(report.Senders)}");
        yield return ("warm-up + measured (s), set-up (s)", $"{Number(report.WarmupSeconds)} + {Number(report.DurationSeconds)}, {Number(report.SetupSeconds)}");
        if (report.Scenario == "connect")
        {
            yield return ("connections made / joined", $"{Number(report.Sent)} / {Number(report.Acked)}");
        }
        else
        {
            yield return (report.HasDeliveries ? "sent / acked" : "started / answered", $"{Number(report.Sent)} / {Number(report.Acked)}");
            yield return (report.HasDeliveries ? "ack throughput (msg/s)" : "throughput (/s)", Number(report.AcksPerSecond));
        }
        if (report.HasDeliveries)
        {
            yield return ("deliveries / expected / missing", $"{Number(report.Deliveries)} / {Number(report.ExpectedDeliveries)} / {Number(report.MissingDeliveries)}");
            yield return ("delivery throughput (/s)", Number(report.DeliveriesPerSecond));
            yield return ("seq streams / gaps / missing / late / duplicates", $"{Number(report.Seq.Streams)} / {Number(report.Seq.Gaps)} / {Number(report.Seq.Missing)} / {Number(report.Seq.Late)} / {Number(report.Seq.Duplicates)}");
        }

        yield return ("errors", Number(report.Errors) + (report.ErrorsByKind.Count == 0 ? "" : " (" + string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key} {Number(e.Value)}")) + ")"));
        yield return ("loss", Number(report.Loss));
        yield return ("skipped (too many in flight) / disconnects", $"{Number(report.Skipped)} / {Number(report.Disconnects)}");
        var per = report.HasDeliveries ? "delivery" : report.Scenario == "connect" ? "connection" : "request";
        if (report.Server is { } server)
        {
            yield return ("server CPU (s, % of one core)", $"{Number(server.CpuSeconds)}, {Number(server.CpuPercentOfOneCore)} %");
            yield return ($"server CPU µs per {per}", Number(server.CpuMicrosecondsPerOperation));
            yield return ("server memory start / end / peak (MiB)", $"{Number(server.MemoryStartMiB)} / {Number(server.MemoryEndMiB)} / {Number(server.MemoryPeakMiB)}");
            if (server.KiBPerConnection is { } perConnection)
            {
                yield return ("server memory per connection (KiB)", Number(perConnection));
            }
        }

        yield return ("tool CPU (s, % of one core)", $"{Number(report.Tool.CpuSeconds)}, {Number(report.Tool.CpuPercentOfOneCore)} %");
        yield return ($"tool CPU µs per {per}", Number(report.Tool.CpuMicrosecondsPerOperation));
        if (report.ToolGc is { } gc)
        {
            yield return ("tool GC pauses (count, ms, % of the window)", $"{Number(gc.Collections)}, {Number(gc.PausedMilliseconds)}, {Number(gc.PercentOfWindow)} %");
        }
    }
}
