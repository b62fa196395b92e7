using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Thresholds;

namespace Chat.Tests.LoadTest;

public sealed class ReportTests
{
    private static LoadTestReport Sample(long deliveries = 45_000, long expected = 45_000) => new(
        "ab12cd34", "fanout", "open, 2250/s in all", new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), ["http://127.0.0.1:5180/"],
        2_000, 100, 20, 2, 100, 5, 1, 0.8, 2,
        Sent: 2_500, Acked: 2_500, Errors: 0, ErrorsByKind: new Dictionary<string, long>(), Skipped: 0, Disconnects: 0,
        Deliveries: deliveries, ExpectedDeliveries: expected, AcksPerSecond: 2_500, DeliveriesPerSecond: deliveries,
        AckLatency: new LatencySummary(2_500, 1, 0.9, 1.5, 4, 8, 9),
        DeliveryLatency: new LatencySummary(deliveries, 2, 1.2, 3, 12.5, 30, 41),
        Seq: new SeqStats(2_000, 47_500, 0, 0, 0, 0),
        AckHistogram: [new HistogramBucket(1, 2_000), new HistogramBucket(2, 500)],
        DeliveryHistogram: [new HistogramBucket(1, 20_000), new HistogramBucket(2, 20_000), new HistogramBucket(20, 5_000)],
        Timeline: [new TimePoint(0, 0, 0, 0, 0, 0, 0, 0, 5, 200, 3), new TimePoint(1, 2_500, 2_500, deliveries, 1.2, 12.5, 41, 4, 61, 210, 40)],
        Server: new ResourceUsage(0.61, 61, 13.56, 200, 210, 212, null),
        Tool: new ResourceUsage(0.4, 40, 8.9, 90, 95, 95, null));

    [Fact]
    public void Loss_CountsMissingDeliveriesAndErrors()
    {
        var report = Sample(deliveries: 44_990) with { Errors = 3 };

        Assert.Equal(13, report.Loss);
    }

    [Fact]
    public void Check_BreaksOnlyTheThresholdsTheFiguresMeet()
    {
        Assert.True(Threshold.TryParse("p99>10ms", out var p99, out _));
        Assert.True(Threshold.TryParse("loss>0", out var loss, out _));
        Assert.True(Threshold.TryParse("cpu-us>14", out var cpu, out _));

        var results = ReportFigures.Check(Sample(), [p99, loss, cpu]);

        Assert.Equal([true, false, false], results.Select(r => r.Breached));
        Assert.Equal(12.5, results[0].Actual);
        Assert.False((Sample() with { Thresholds = results }).Passed);
    }

    [Fact]
    public void Markdown_HasTheLatencyTableTheServerCostAndTheVerdict()
    {
        Assert.True(Threshold.TryParse("loss>0", out var loss, out _));
        var report = Sample() with { Thresholds = ReportFigures.Check(Sample(), [loss]) };

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("| send → delivery | 45,000 | 2 | 1.2 | 3 | 12.5 | 30 | 41 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| server CPU µs per delivery | 13.56 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `loss>0` | 0 | held |", markdown, StringComparison.Ordinal);
        Assert.Contains("Verdict: **passed**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolGc_IsWhatFellBetweenTheSnapshots_AsAShareOfTheWindow()
    {
        var pauses = GcPauses.Between(new GcSnapshot(10, TimeSpan.FromMilliseconds(250)), new GcSnapshot(67, TimeSpan.FromMilliseconds(589.5)), 36);

        Assert.Equal(57, pauses.Collections);
        Assert.Equal(339.5, pauses.PausedMilliseconds);
        Assert.Equal(0.94, pauses.PercentOfWindow);
    }

    [Fact]
    public void Markdown_ShowsTheToolsGcPauses_OnlyWhenMeasured()
    {
        var measured = Sample() with { ToolGc = new GcPauses(57, 339.5, 0.94) };

        Assert.Contains("| tool GC pauses (count, ms, % of the window) | 57, 339.5, 0.94 % |", MarkdownReport.Render(measured), StringComparison.Ordinal);
        Assert.DoesNotContain("tool GC pauses", MarkdownReport.Render(Sample()), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ListsTheStepsOfAStepUpRun()
    {
        var report = Sample() with
        {
            StepUp = new StepUpOutcome(
                [new StepResult(1, "climb", 1_000, 19_000, 1, 5, 0, 14, 30, true), new StepResult(2, "climb", 2_000, 30_000, 50, 400, 12, 15, 60, false), new StepResult(3, "confirm", 1_000, 19_000, 1, 6, 0, 14, 30, true)],
                1_000,
                19_000),
        };

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("**1,000 msg/s**, 19,000 deliveries/s", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 | climb | 2,000 | 30,000 | 50 | 400 | 12 | 15 | 60 | no |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsSelfContained_WithLatencyOverTimeAndHistogramCharts()
    {
        var html = HtmlReport.Render(Sample());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<svg "));
        Assert.Contains("delivery latency over time", html, StringComparison.Ordinal);
        Assert.Contains("delivery latency histogram", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<rect "));
        Assert.DoesNotContain("http://", html.Replace("http://127.0.0.1:5180/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EscapesWhatItShows()
    {
        var html = HtmlReport.Render(Sample() with { ErrorsByKind = new Dictionary<string, long> { ["<b>bad</b>"] = 1 }, Errors = 1 });

        Assert.DoesNotContain("<b>bad</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bad&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NiceCeiling_RoundsUpToOneTwoOrFiveTimesAPowerOfTen()
    {
        Assert.Equal(1, SvgChart.NiceCeiling(0));
        Assert.Equal(0.5, SvgChart.NiceCeiling(0.31));
        Assert.Equal(20, SvgChart.NiceCeiling(12.5));
        Assert.Equal(100, SvgChart.NiceCeiling(100));
        Assert.Equal(1_000, SvgChart.NiceCeiling(501));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
