using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Chat.LoadTest.Cli;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Spectre.Console;

namespace Chat.LoadTest.Running;

/// <summary>
/// One run, start to end: register users, create rooms, connect and join, send for warm-up + duration,
/// drain (bounded), report. Every phase is bounded in count and time; the run stops by itself.
/// </summary>
public static class LoadRunner
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    private const string Password = "load-test-password";
    private const int SetupParallelism = 8;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        var plan = LoadPlan.Create(LoadPlan.NewRunId(), settings.Users, settings.Rooms, settings.RoomsPerUser);
        var metrics = new RunMetrics();
        var users = new VirtualUser?[settings.Users];
        var startedAt = DateTimeOffset.UtcNow;
        AnsiConsole.MarkupLine(Markup.Escape(Text(
            $"run {plan.RunId}: {settings.Users} users, {settings.Rooms} rooms ({settings.RoomsPerUser} per user), {settings.Rate} msg/s per user ({settings.TotalRate} msg/s in all), warm-up {settings.Warmup.TotalSeconds} s, measured {settings.Duration.TotalSeconds} s, target {settings.BaseUrl}")));
        try
        {
            await SetUpAsync(settings, plan, metrics, users, cancellationToken);
            var connected = users.Select(u => u!).ToArray();
            await SendAsync(settings, metrics, connected, cancellationToken);
        }
        catch (LoadTestSetupException error)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            return Failed;
        }
        catch (Exception error) when (error is HttpRequestException or WebSocketException && !cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] cannot reach {Markup.Escape(settings.BaseUrl.ToString())}: {Markup.Escape(error.Message)}. Is the server running (see docs/benchmarks.md)?");
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return Failed;
        }
        finally
        {
            await CloseAsync(users);
        }

        var report = CreateReport(settings, plan, metrics, users.Select(u => u!), startedAt);
        ReportPrinter.Print(report);
        if (settings.JsonPath is { } path)
        {
            await ReportPrinter.WriteJsonAsync(report, path, cancellationToken);
            AnsiConsole.MarkupLine($"results written to {Markup.Escape(path)}");
        }

        return report.Acked > 0 ? Succeeded : Failed;
    }

    private static async Task SetUpAsync(LoadTestSettings settings, LoadPlan plan, RunMetrics metrics, VirtualUser?[] users, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellationToken };
        var tokens = new string[settings.Users];
        using (var rest = new ChatRestClient(settings.BaseUrl))
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.Users), parallel, async (i, ct) =>
                tokens[i] = (await rest.RegisterAsync(plan.UserNames[i], Password, ct)).Token);
            AnsiConsole.WriteLine(Text($"registered {settings.Users} users in {clock.Elapsed.TotalSeconds:0.0} s"));

            // Each room has its own owner: room creation is rate limited per user.
            clock.Restart();
            var room = 0;
            foreach (var roomId in plan.RoomIds)
            {
                await rest.CreateRoomAsync(tokens[room++ % tokens.Length], roomId, roomId, cancellationToken);
            }

            AnsiConsole.WriteLine(Text($"created {settings.Rooms} rooms in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var hubUrl = new Uri(settings.BaseUrl, "hubs/chat");
        var connectClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Users), parallel, async (i, ct) =>
        {
            var user = new VirtualUser(i, tokens[i], hubUrl, plan, metrics);
            users[i] = user;
            try
            {
                await user.ConnectAsync(ct);
            }
            catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new LoadTestSetupException($"User {plan.UserNames[i]} could not connect to {hubUrl} or join its rooms: {error.Message}", error);
            }
        });
        AnsiConsole.WriteLine(Text($"connected {settings.Users} users and joined their rooms in {connectClock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task SendAsync(LoadTestSettings settings, RunMetrics metrics, VirtualUser[] users, CancellationToken cancellationToken)
    {
        var total = settings.Warmup + settings.Duration;
        var start = Stopwatch.GetTimestamp();
        metrics.SetWindow(start + Ticks(settings.Warmup), start + Ticks(total));
        var interval = TimeSpan.FromSeconds(1 / settings.Rate);
        var loops = users.Select((user, i) => user.SendLoopAsync(start, total, settings.Rate, interval * i / users.Length, cancellationToken));
        var run = DrainAfterAsync(Task.WhenAll(loops), metrics, users, cancellationToken);
        await ProgressView.ShowUntilAsync(run, () => Snapshot(settings, metrics, users, start, run.IsCompleted), cancellationToken);
        await run;
    }

    /// <summary>After the last send, waits (bounded) for outstanding acks and for deliveries owed to other members.</summary>
    private static async Task DrainAfterAsync(Task sending, RunMetrics metrics, VirtualUser[] users, CancellationToken cancellationToken)
    {
        await sending;
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < DrainLimit
            && (users.Any(u => u.InFlight > 0) || metrics.Deliveries < metrics.ExpectedDeliveries))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task CloseAsync(VirtualUser?[] users)
    {
        var closing = Task.WhenAll(users.OfType<VirtualUser>().Select(u => u.DisposeAsync().AsTask()));
        if (await Task.WhenAny(closing, Task.Delay(CloseLimit)) != closing)
        {
            AnsiConsole.MarkupLine("[yellow]warning:[/] some connections did not close within 15 s");
        }
    }

    private static ProgressSnapshot Snapshot(LoadTestSettings settings, RunMetrics metrics, VirtualUser[] users, long start, bool done)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        var phase = done ? "done" : elapsed < settings.Warmup ? "warm-up" : elapsed < settings.Warmup + settings.Duration ? "measuring" : "draining";
        return new ProgressSnapshot(
            phase,
            elapsed,
            settings.Warmup + settings.Duration,
            metrics.Attempted,
            metrics.Sent,
            metrics.Acked,
            metrics.Deliveries,
            metrics.ExpectedDeliveries,
            metrics.Errors,
            users.Sum(u => (long)u.InFlight),
            metrics.Skipped,
            metrics.Disconnects,
            metrics.Ack.Summarize().P99,
            metrics.Delivery.Summarize().P99);
    }

    private static LoadTestReport CreateReport(LoadTestSettings settings, LoadPlan plan, RunMetrics metrics, IEnumerable<VirtualUser> users, DateTimeOffset startedAt)
    {
        var seconds = settings.Duration.TotalSeconds;
        return new LoadTestReport(
            plan.RunId,
            startedAt,
            settings.BaseUrl.ToString(),
            settings.Users,
            settings.Rooms,
            settings.RoomsPerUser,
            settings.Rate,
            settings.Warmup.TotalSeconds,
            seconds,
            Environment.ProcessorCount,
            metrics.Sent,
            metrics.Acked,
            metrics.Errors,
            metrics.ErrorsByKind,
            metrics.Skipped,
            metrics.Disconnects,
            metrics.Deliveries,
            metrics.ExpectedDeliveries,
            Math.Round(metrics.Acked / seconds, 2),
            Math.Round(metrics.Deliveries / seconds, 2),
            metrics.Ack.Summarize(),
            metrics.Delivery.Summarize(),
            SeqStats.Sum(users.SelectMany(u => u.Trackers)));
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
