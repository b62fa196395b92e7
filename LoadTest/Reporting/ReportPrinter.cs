using System.Globalization;
using System.Text.Json;
using Chat.LoadTest.Measurement;
using Spectre.Console;

namespace Chat.LoadTest.Reporting;

/// <summary>Prints the final tables and writes the optional JSON file.</summary>
public static class ReportPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Print(LoadTestReport report)
    {
        var latency = new Table().Border(TableBorder.Rounded).Title("latency (ms)");
        foreach (var column in new[] { "", "count", "mean", "p50", "p90", "p99", "p99.9", "max" })
        {
            latency.AddColumn(new TableColumn(column).RightAligned());
        }

        AddLatencyRow(latency, "send → ack", report.AckLatency);
        AddLatencyRow(latency, "send → delivery", report.DeliveryLatency);
        AnsiConsole.Write(latency);

        var counts = new Table().Border(TableBorder.Rounded).Title($"counts (measured {Number(report.DurationSeconds)} s)");
        counts.AddColumn("what");
        counts.AddColumn(new TableColumn("value").RightAligned());
        counts.AddRow("sent", Number(report.Sent));
        counts.AddRow("acked", Number(report.Acked));
        counts.AddRow("ack throughput (msg/s)", Number(report.AcksPerSecond));
        counts.AddRow("deliveries to other members", Number(report.Deliveries));
        counts.AddRow("expected deliveries", Number(report.ExpectedDeliveries));
        counts.AddRow("missing deliveries", Number(report.MissingDeliveries));
        counts.AddRow("delivery throughput (msg/s)", Number(report.DeliveriesPerSecond));
        counts.AddRow("errors", Number(report.Errors));
        foreach (var (kind, count) in report.ErrorsByKind)
        {
            counts.AddRow($"  {Markup.Escape(kind)}", Number(count));
        }

        counts.AddRow("skipped (too many in flight)", Number(report.Skipped));
        counts.AddRow("disconnects", Number(report.Disconnects));
        counts.AddRow("seq streams checked (receiver × room)", Number(report.Seq.Streams));
        counts.AddRow("seq gaps / still missing", $"{Number(report.Seq.Gaps)} / {Number(report.Seq.Missing)}");
        counts.AddRow("late / duplicate seqs", $"{Number(report.Seq.Late)} / {Number(report.Seq.Duplicates)}");
        AnsiConsole.Write(counts);
    }

    public static async Task WriteJsonAsync(LoadTestReport report, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, JsonOptions, cancellationToken);
    }

    private static void AddLatencyRow(Table table, string name, LatencySummary s) => table.AddRow(
        name, Number(s.Count), Number(s.Mean), Number(s.P50), Number(s.P90), Number(s.P99), Number(s.P999), Number(s.Max));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
