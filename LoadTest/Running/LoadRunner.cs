using System.Diagnostics;
using System.Net.WebSockets;
using Chat.LoadTest.Cli;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Thresholds;
using Spectre.Console;

namespace Chat.LoadTest.Running;

/// <summary>
/// One run, start to end: set-up (tokens, rooms, connections; not measured), then one measured phase (warm-up +
/// duration, then a bounded drain), or in step-up mode one phase per step; reports; exit code. Every phase is
/// bounded in count and time; the run stops by itself.
/// </summary>
public static class LoadRunner
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    /// <summary>What a step must hold in step-up mode when no --fail-if is given.</summary>
    public static readonly IReadOnlyList<string> DefaultStepThresholds = ["p99>100ms", "loss>0"];

    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        var plan = LoadPlan.Create(settings.Prefix, LoadPlan.NewRunId(), settings.Rooms, settings.Members,
            settings.Scenario is Scenario.Fanout or Scenario.HttpPost ? settings.Senders : 0, settings.BaseUrls.Count);
        var startedAt = DateTimeOffset.UtcNow;
        AnsiConsole.MarkupLine(Markup.Escape(ReportText.Invariant(
            $"run {plan.RunId}: {Name(settings.Scenario)}, {plan.Users} users in {plan.Rooms} rooms of {plan.Members}, {(settings.StepUp is { } step ? $"step-up from {step.Start} msg/s x{step.Factor} to {step.Max}" : Model(settings, settings.Rate))}, warm-up {settings.Warmup.TotalSeconds} s, measured {settings.Duration.TotalSeconds} s, target {string.Join(", ", settings.BaseUrls)}")));
        if (settings.ServerPid is { } pid && RunSampler.ReadServer(pid) is null)
        {
            AnsiConsole.MarkupLine(ReportText.Invariant($"[yellow]warning:[/] no process {pid} to read in /proc: the report will have no server CPU or memory."));
        }

        var rests = settings.BaseUrls.Select(u => new ChatRestClient(u)).ToArray();
        VirtualUser[] users = [];
        try
        {
            var setup = Stopwatch.StartNew();
            var cache = settings.TokenCachePath is null ? TokenCache.None() : TokenCache.Load(settings.TokenCachePath);
            var (tokens, cached) = await LoadSetup.SignInAsync(plan, rests, cache, settings.TrustTokenCache, TimeProvider.System, cancellationToken);
            cache.Save();
            AnsiConsole.WriteLine(ReportText.Invariant($"signed in {plan.Users} users ({cached} tokens from the cache) in {setup.Elapsed.TotalSeconds:0.0} s"));
            await LoadSetup.EnsureRoomsAsync(plan, rests, tokens, cancellationToken);

            var slot = new MetricsSlot(new RunMetrics());
            var text = MessageText(settings.MessageSize);
            var baseline = RunSampler.ReadServer(settings.ServerPid);
            var connectTiming = new RunMetrics();
            connectTiming.SetWindow(0, long.MaxValue);
            IReadOnlyList<ILoadActor> actors;
            if (settings.Scenario is Scenario.Fanout or Scenario.Connect)
            {
                var connecting = Stopwatch.StartNew();
                users = await LoadSetup.ConnectAsync(settings.Client, plan, settings.BaseUrls, tokens, text, slot, connectTiming, cancellationToken);
                AnsiConsole.WriteLine(ReportText.Invariant($"connected {plan.Users} users and joined their rooms in {connecting.Elapsed.TotalSeconds:0.0} s"));
                actors = settings.Scenario == Scenario.Fanout ? [.. plan.SenderIndexes().Select(i => users[i])] : [];
            }
            else
            {
                var post = settings.Scenario == Scenario.HttpPost;
                var indexes = post ? plan.SenderIndexes() : Enumerable.Range(0, plan.Users);
                actors = [.. indexes.Select(i => new RestActor(i, rests[plan.UrlOf(i)], tokens[i], plan.RunId, plan.RoomIds[plan.RoomOf(i)], text, post, slot))];
            }

            var context = new PhaseContext(settings, plan, slot, actors, users, baseline, connectTiming, startedAt, setup.Elapsed.TotalSeconds);
            return settings.StepUp is { } stepUp
                ? await StepUpAsync(context, stepUp, cancellationToken)
                : await SingleAsync(context, cancellationToken);
        }
        catch (LoadTestSetupException error)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            return Failed;
        }
        catch (Exception error) when (error is HttpRequestException or WebSocketException && !cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] cannot reach {Markup.Escape(string.Join(", ", settings.BaseUrls))}: {Markup.Escape(error.Message)}. Is the server running (see docs/benchmarks.md)?");
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return Failed;
        }
        finally
        {
            await LoadSetup.DisposeAsync(users);
            foreach (var rest in rests)
            {
                rest.Dispose();
            }
        }
    }

    /// <summary>A message text of <paramref name="size"/> characters, made once: every send reuses it.</summary>
    public static string MessageText(int size)
    {
        const string head = "load test message ";
        return size <= head.Length ? head[..size] : head + new string('x', size - head.Length);
    }

    private static async Task<int> SingleAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var report = await RunPhaseAsync(context, settings.Rate, showProgress: true, cancellationToken);
        report = report with { Thresholds = ReportFigures.Check(report, settings.Thresholds) };
        ReportPrinter.Print(report);
        await ReportPrinter.WriteAsync(report, settings.Reports, cancellationToken);
        var worked = settings.Scenario == Scenario.Connect || report.Acked > 0;
        return worked && report.Passed ? Succeeded : Failed;
    }

    private static async Task<int> StepUpAsync(PhaseContext context, StepUpSettings stepUp, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var thresholds = settings.Thresholds.Count > 0
            ? settings.Thresholds
            : [.. DefaultStepThresholds.Select(t => Threshold.TryParse(t, out var parsed, out _) ? parsed : throw new InvalidOperationException(t))];
        var search = new StepUpSearch(stepUp.Start, stepUp.Factor, stepUp.Max);
        var steps = new List<StepResult>();
        LoadTestReport? last = null;
        LoadTestReport? confirmed = null;
        while (search.Phase != StepUpPhase.Done)
        {
            var phase = search.Phase == StepUpPhase.Climbing ? "climb" : "confirm";
            var rate = search.Rate;
            if (phase == "confirm" && stepUp.Settle > TimeSpan.Zero)
            {
                AnsiConsole.WriteLine(ReportText.Invariant($"settling {stepUp.Settle.TotalSeconds:0.#} s before confirming {rate:0.#} msg/s"));
                await Task.Delay(stepUp.Settle, cancellationToken);
            }

            var report = await RunPhaseAsync(context, rate, showProgress: false, cancellationToken);
            report = report with { Thresholds = ReportFigures.Check(report, thresholds) };
            var held = report.Passed && report.Acked > 0;
            steps.Add(new StepResult(steps.Count + 1, phase, rate, report.DeliveriesPerSecond, report.DeliveryLatency.P50, report.DeliveryLatency.P99,
                report.Loss, report.Server?.CpuMicrosecondsPerOperation, report.Tool.CpuPercentOfOneCore, held));
            AnsiConsole.WriteLine(ReportText.Invariant(
                $"step {steps.Count} ({phase}) {rate:0.#} msg/s: {report.DeliveriesPerSecond:0} deliveries/s, p50 {report.DeliveryLatency.P50:0.##} ms, p99 {report.DeliveryLatency.P99:0.##} ms, loss {report.Loss}, tool CPU {report.Tool.CpuPercentOfOneCore:0} %: {(held ? "held" : "broke")}"));
            search.Record(held);
            last = report;
            if (phase == "confirm" && held)
            {
                confirmed = report;
            }
        }

        var final = (confirmed ?? last!) with { };
        final = final with
        {
            StepUp = new StepUpOutcome(steps, search.Result, confirmed?.DeliveriesPerSecond),
        };
        ReportPrinter.Print(final);
        AnsiConsole.MarkupLine(search.Result is { } result
            ? Markup.Escape(ReportText.Invariant($"highest rate that held twice: {result:0.#} msg/s ({confirmed!.DeliveriesPerSecond:0} deliveries/s at p99 {confirmed.DeliveryLatency.P99:0.##} ms)"))
            : "[red]no rate held[/]");
        await ReportPrinter.WriteAsync(final, settings.Reports, cancellationToken);
        return search.Result is null ? Failed : Succeeded;
    }

    private static async Task<LoadTestReport> RunPhaseAsync(PhaseContext context, double rate, bool showProgress, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var metrics = new RunMetrics();
        context.Slot.Current = metrics;
        var total = settings.Warmup + settings.Duration;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + Ticks(settings.Warmup);
        var windowEnd = start + Ticks(total);
        metrics.SetWindow(windowStart, windowEnd);
        var sampling = RunSampler.RunAsync(metrics, start, windowStart, windowEnd, settings.ServerPid, cancellationToken);
        var load = settings.Scenario == Scenario.Connect
            ? Task.Delay(total, cancellationToken)
            : settings.IsClosed
                ? LoadDriver.RunClosedAsync(context.Actors, settings.Concurrency, start, total, cancellationToken)
                : LoadDriver.RunOpenAsync(context.Actors, new OpenSchedule(rate, settings.Ramp), start, total, context.Slot, cancellationToken);
        var run = DrainAfterAsync(Task.WhenAll(load, sampling), metrics, context.Actors, cancellationToken);
        if (showProgress)
        {
            await ProgressView.ShowUntilAsync(run, () => Snapshot(settings, metrics, context.Actors, start, run.IsCompleted), cancellationToken);
        }

        await run;
        return CreateReport(context, rate, metrics, await sampling);
    }

    /// <summary>After the last send, waits (bounded) for outstanding answers and for deliveries owed to other members.</summary>
    private static async Task DrainAfterAsync(Task sending, RunMetrics metrics, IReadOnlyList<ILoadActor> actors, CancellationToken cancellationToken)
    {
        await sending;
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < DrainLimit && (actors.Any(a => a.InFlight > 0) || metrics.Deliveries < metrics.ExpectedDeliveries))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static ProgressSnapshot Snapshot(LoadTestSettings settings, RunMetrics metrics, IReadOnlyList<ILoadActor> actors, long start, bool done)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        var phase = done ? "done" : elapsed < settings.Warmup ? "warm-up" : elapsed < settings.Warmup + settings.Duration ? "measuring" : "draining";
        return new ProgressSnapshot(
            phase, elapsed, settings.Warmup + settings.Duration, metrics.Attempted, metrics.Sent, metrics.Acked, metrics.Deliveries,
            metrics.ExpectedDeliveries, metrics.Errors, actors.Sum(a => (long)a.InFlight), metrics.Skipped, metrics.Disconnects,
            metrics.Ack.Summarize().P99, metrics.Delivery.Summarize().P99);
    }

    private static LoadTestReport CreateReport(PhaseContext context, double rate, RunMetrics metrics, SampleResult sample)
    {
        var settings = context.Settings;
        var plan = context.Plan;
        var seconds = settings.Duration.TotalSeconds;
        var connect = settings.Scenario == Scenario.Connect;
        var timing = connect ? context.ConnectTiming : metrics;
        // CPU spent in the window is divided by the work that completed in it (deliveries or answers that arrived
        // in the window, whenever sent), so a server that falls behind is not credited with work done later.
        var operations = settings.Scenario switch
        {
            Scenario.Fanout => metrics.DeliveredInWindow,
            Scenario.Connect => plan.Users,
            _ => metrics.AnsweredInWindow,
        };
        ResourceUsage? server = null;
        if (sample.ServerStart is { } s && sample.ServerEnd is { } e)
        {
            var baseline = context.Baseline ?? s;
            server = Usage(s, e, sample.ServerPeakBytes, seconds, operations, connect ? (e.ResidentBytes - baseline.ResidentBytes) / 1024.0 / plan.Users : null);
        }

        return new LoadTestReport(
            plan.RunId,
            Name(settings.Scenario),
            Model(settings, rate),
            context.StartedAt,
            [.. settings.BaseUrls.Select(u => u.ToString())],
            plan.Users,
            plan.Rooms,
            plan.Members,
            plan.Senders,
            settings.MessageSize,
            settings.Warmup.TotalSeconds,
            seconds,
            Math.Round(context.SetupSeconds, 2),
            Environment.ProcessorCount,
            timing.Sent,
            timing.Acked,
            metrics.Errors,
            metrics.ErrorsByKind,
            metrics.Skipped,
            metrics.Disconnects,
            metrics.Deliveries,
            metrics.ExpectedDeliveries,
            Math.Round(timing.Acked / seconds, 2),
            Math.Round(metrics.Deliveries / seconds, 2),
            timing.Ack.Summarize(),
            metrics.Delivery.Summarize(),
            SeqStats.Sum(context.Users.Select(u => u.Tracker)),
            timing.Ack.Buckets(),
            metrics.Delivery.Buckets(),
            sample.Timeline,
            server,
            Usage(sample.ToolStart, sample.ToolEnd, 0, seconds, operations, null))
        {
            AnswerLatency = connect ? null : metrics.Answer.Summarize(),
            ToolGc = GcPauses.Between(sample.ToolGcStart, sample.ToolGcEnd, seconds),
        };
    }

    private static ResourceUsage Usage(ProcessUsage start, ProcessUsage end, long peakBytes, double seconds, long operations, double? kibPerConnection)
    {
        var cpu = (end.CpuTime - start.CpuTime).TotalSeconds;
        return new ResourceUsage(
            Math.Round(cpu, 3),
            Math.Round(100 * cpu / seconds, 1),
            operations > 0 ? Math.Round(cpu * 1_000_000 / operations, 2) : null,
            MiB(start.ResidentBytes),
            MiB(end.ResidentBytes),
            MiB(Math.Max(peakBytes, end.ResidentBytes)),
            kibPerConnection is { } kib ? Math.Round(kib, 1) : null);
    }

    private static double MiB(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private static string Name(Scenario scenario) => scenario == Scenario.HttpPost ? "http-post" : scenario.ToString().ToLowerInvariant();

    private static string Model(LoadTestSettings settings, double rate) => settings.Scenario == Scenario.Connect
        ? "idle connections"
        : settings.IsClosed
            ? ReportText.Invariant($"closed, {settings.Concurrency} concurrent")
            : ReportText.Invariant($"open, {rate:0.#}/s in all{(settings.Ramp > TimeSpan.Zero ? $" after a {settings.Ramp.TotalSeconds:0.#} s ramp" : "")}");

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
