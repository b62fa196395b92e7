using System.Text.Json;
using Chat.LoadTest.Cli;
using Spectre.Console;

namespace Chat.LoadTest.Reporting;

/// <summary>Prints the final tables and writes the JSON, Markdown and HTML files asked for.</summary>
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

        foreach (var (name, s) in ReportText.LatencyRows(report))
        {
            latency.AddRow(name, ReportText.Number(s.Count), ReportText.Number(s.Mean), ReportText.Number(s.P50), ReportText.Number(s.P90), ReportText.Number(s.P99), ReportText.Number(s.P999), ReportText.Number(s.Max));
        }

        AnsiConsole.Write(latency);
        var counts = new Table().Border(TableBorder.Rounded).Title($"counts (measured {ReportText.Number(report.DurationSeconds)} s)");
        counts.AddColumn("what");
        counts.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (what, value) in ReportText.CountRows(report))
        {
            counts.AddRow(Markup.Escape(what), Markup.Escape(value));
        }

        AnsiConsole.Write(counts);
        foreach (var t in report.Thresholds)
        {
            AnsiConsole.MarkupLine(t.Breached
                ? $"[red]threshold broken:[/] {Markup.Escape(t.Condition)} (actual {ReportText.Number(t.Actual)})"
                : $"threshold held: {Markup.Escape(t.Condition)} (actual {ReportText.Number(t.Actual)})");
        }
    }

    public static async Task WriteAsync(LoadTestReport report, ReportPaths paths, CancellationToken cancellationToken)
    {
        if (paths.Json is { } json)
        {
            await using var file = Create(json);
            await JsonSerializer.SerializeAsync(file, report, JsonOptions, cancellationToken);
            AnsiConsole.MarkupLine($"JSON report: {Markup.Escape(json)}");
        }

        if (paths.Markdown is { } markdown)
        {
            await File.WriteAllTextAsync(Prepare(markdown), MarkdownReport.Render(report), cancellationToken);
            AnsiConsole.MarkupLine($"Markdown report: {Markup.Escape(markdown)}");
        }

        if (paths.Html is { } html)
        {
            await File.WriteAllTextAsync(Prepare(html), HtmlReport.Render(report), cancellationToken);
            AnsiConsole.MarkupLine($"HTML report: {Markup.Escape(html)}");
        }
    }

    private static FileStream Create(string path) => File.Create(Prepare(path));

    private static string Prepare(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return path;
    }
}
