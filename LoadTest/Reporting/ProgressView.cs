using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Chat.LoadTest.Reporting;

/// <summary>Live progress: a table redrawn twice a second on a terminal, a plain line every 5 s otherwise.</summary>
public static class ProgressView
{
    public static async Task ShowUntilAsync(Task until, Func<ProgressSnapshot> snapshot, CancellationToken cancellationToken)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(Render(snapshot()))
                .AutoClear(false)
                .StartAsync(async context =>
                {
                    while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
                    {
                        await Task.WhenAny(until, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
                        context.UpdateTarget(Render(snapshot()));
                    }
                });
            return;
        }

        while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(until, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
            AnsiConsole.WriteLine(Line(snapshot()));
        }
    }

    public static string Line(ProgressSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{s.Phase,-9}] {s.Elapsed.TotalSeconds,5:0}/{s.Total.TotalSeconds:0} s  sent {s.Attempted}  measured: sent {s.Sent} acked {s.Acked} delivered {s.Deliveries}/{s.ExpectedDeliveries} errors {s.Errors} in-flight {s.InFlight} skipped {s.Skipped} disconnects {s.Disconnects}  p99 ack {s.AckP99:0.0} ms delivery {s.DeliveryP99:0.0} ms");

    private static IRenderable Render(ProgressSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"load test: {s.Phase}");
        table.AddColumn("elapsed");
        table.AddColumn("sent (all)");
        table.AddColumn("sent");
        table.AddColumn("acked");
        table.AddColumn("delivered / expected");
        table.AddColumn("errors");
        table.AddColumn("in flight");
        table.AddColumn("skipped");
        table.AddColumn("p99 ack ms");
        table.AddColumn("p99 delivery ms");
        table.AddRow(
            Format($"{s.Elapsed.TotalSeconds:0}/{s.Total.TotalSeconds:0} s"),
            Format($"{s.Attempted}"),
            Format($"{s.Sent}"),
            Format($"{s.Acked}"),
            Format($"{s.Deliveries} / {s.ExpectedDeliveries}"),
            s.Errors == 0 ? "0" : Format($"[red]{s.Errors}[/]"),
            Format($"{s.InFlight}"),
            Format($"{s.Skipped}"),
            Format($"{s.AckP99:0.0}"),
            Format($"{s.DeliveryP99:0.0}"));
        return table;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
