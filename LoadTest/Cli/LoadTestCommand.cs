using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Chat.LoadTest.Client;
using Chat.LoadTest.Running;
using Chat.LoadTest.Thresholds;
using Spectre.Console;

namespace Chat.LoadTest.Cli;

/// <summary>The command line: one sub-command per scenario, their options and defaults, and the checks made before any traffic is sent.</summary>
public static class LoadTestCommand
{
    public const int InvalidArguments = 2;

    /// <summary>What <c>--overload</c> adds: no send may wait longer than the server's request deadline for its answer.</summary>
    public const string OverloadThreshold = "answer-max>5000ms";

    public static RootCommand Create()
    {
        var root = new RootCommand("Chat load test over real SignalR WebSockets and REST, against front silos on this machine.");
        root.Subcommands.Add(Scenario(Cli.Scenario.Fanout, "fanout", "R rooms x M members, S senders per room at an aggregate rate; every other member times each delivery.", rooms: 10, members: 10, rate: 100));
        root.Subcommands.Add(Scenario(Cli.Scenario.Connect, "connect", "Holds R x M idle connections joined to their rooms: server memory and CPU per connection.", rooms: 100, members: 10, rate: 0));
        root.Subcommands.Add(Scenario(Cli.Scenario.History, "history", "Every member reads history pages of its room over REST (GET /api/rooms/{id}/messages).", rooms: 10, members: 10, rate: 200));
        root.Subcommands.Add(Scenario(Cli.Scenario.HttpPost, "http-post", "S senders per room post messages over REST (POST /api/rooms/{id}/messages).", rooms: 10, members: 10, rate: 100));
        return root;
    }

    /// <summary>Parses the <c>--step-up start:factor:max</c> value.</summary>
    public static bool TryParseStepUp(string? text, out StepUpSettings? stepUp)
    {
        stepUp = null;
        var parts = (text ?? "").Split(':');
        if (parts.Length != 3)
        {
            return false;
        }

        var numbers = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        stepUp = new StepUpSettings(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    private static Command Scenario(Scenario scenario, string name, string description, int rooms, int members, double rate)
    {
        var url = new Option<string[]>("--url")
        {
            Description = "Base URL of a front silo (or balancer) on this machine; repeat or comma-separate for several: members alternate between them.",
            DefaultValueFactory = _ => ["http://127.0.0.1:5000"],
            AllowMultipleArgumentsPerToken = false,
        };
        var roomsOption = new Option<int>("--rooms", "-r") { Description = "Rooms.", DefaultValueFactory = _ => rooms };
        var membersOption = new Option<int>("--members", "-m") { Description = "Members per room, one connection (or REST client) each.", DefaultValueFactory = _ => members };
        var senders = new Option<int>("--senders", "-s") { Description = "Members of each room that send (fanout, http-post).", DefaultValueFactory = _ => 2 };
        var rateOption = new Option<double>("--rate") { Description = "Open model: operations (messages, requests) per second in all.", DefaultValueFactory = _ => rate };
        var ramp = DurationOption("--ramp", "Open model: rise linearly from 0 to --rate over this time, from the start of the warm-up.", TimeSpan.Zero);
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Closed model: keep this many operations going at once (replaces --rate).", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--message-size") { Description = "Characters per message.", DefaultValueFactory = _ => 100 };
        var duration = DurationOption("--duration", "Measured time: 30, 30s, 2m (at most 10 minutes).", TimeSpan.FromSeconds(30));
        var warmup = DurationOption("--warmup", "Load before measuring starts (not counted).", TimeSpan.FromSeconds(5));
        var prefix = new Option<string>("--prefix") { Description = "Names of the load users and rooms; runs with the same prefix reuse them.", DefaultValueFactory = _ => "lt" };
        var tokenCache = new Option<string>("--token-cache") { Description = "File of cached tokens (keyed by base URL and user), or 'none'.", DefaultValueFactory = _ => TokenCache.DefaultPath };
        var trustTokenCache = new Option<bool>("--trust-token-cache")
        {
            Description = "Use cached tokens without asking the server whether it still takes them (GET /api/me, which wakes each user's grain): for a run right after another against the same server.",
        };
        var serverPid = new Option<int?>("--server-pid") { Description = "PID of the server process on this machine: its CPU and memory are reported (from /proc)." };
        var failIf = new Option<string[]>("--fail-if") { Description = "Exit 1 when a figure meets this condition, e.g. \"p99>100ms\", \"loss>0\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var stepUp = new Option<string?>("--step-up") { Description = "fanout: start:factor:max msg/s; raise the rate by factor per step until a threshold breaks, confirm the highest that held." };
        var settle = DurationOption("--settle", "step-up: send nothing for this long before each confirmation, so the server recovers from the step that broke.", StepUpSettings.DefaultSettle);
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to this file." };
        var markdown = new Option<string?>("--markdown", "--md") { Description = "Write the report as Markdown to this file." };
        var html = new Option<string?>("--html") { Description = "Write the report as a self-contained HTML page with charts to this file." };
        var client = new Option<HubClientKind>("--client")
        {
            Description = "fanout, connect: the members' hub client: 'lean' (the hub protocol over a bare WebSocket, cheap for the tool) or 'signalr' (the official .NET client).",
            DefaultValueFactory = _ => HubClientKind.Lean,
        };
        var overload = new Option<bool>("--overload")
        {
            Description = $"Run at twice --rate (give the rate the server sustains) and fail when a send waited more than 5 s for its answer, acknowledged or refused ({OverloadThreshold}).",
        };

        var command = new Command(name, description)
        {
            url, roomsOption, membersOption, senders, rateOption, ramp, concurrency, size, duration, warmup, prefix, tokenCache, serverPid, failIf, stepUp, settle, json, markdown, html, overload,
            client, trustTokenCache,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var urls = new List<Uri>();
            foreach (var text in result.GetValue(url)!.SelectMany(u => u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (LoopbackUrl.TryParse(text, out var parsed, out var urlError))
                {
                    urls.Add(parsed);
                }
                else
                {
                    errors.Add(urlError);
                }
            }

            var thresholds = new List<Threshold>();
            foreach (var text in result.GetValue(failIf) ?? [])
            {
                if (Threshold.TryParse(text, out var threshold, out var error))
                {
                    thresholds.Add(threshold);
                }
                else
                {
                    errors.Add(error);
                }
            }

            var overloaded = result.GetValue(overload);
            if (overloaded)
            {
                Threshold.TryParse(OverloadThreshold, out var answered, out _);
                thresholds.Add(answered!);
                if (result.GetValue(concurrency) > 0 || result.GetValue(stepUp) is not null)
                {
                    errors.Add("--overload doubles --rate: use it with the open model, without --concurrency or --step-up.");
                }
            }

            StepUpSettings? stepUpSettings = null;
            if (result.GetValue(stepUp) is { } stepText && !TryParseStepUp(stepText, out stepUpSettings))
            {
                errors.Add($"--step-up '{stepText}' is not start:factor:max, e.g. 1000:1.25:20000.");
            }

            if (result.GetValue(stepUp) is null && result.GetResult(settle) is { Implicit: false })
            {
                errors.Add("--settle is the quiet time before a step-up's confirmation: use it with --step-up.");
            }

            stepUpSettings = stepUpSettings is null ? null : stepUpSettings with { Settle = result.GetValue(settle) };

            var cache = result.GetValue(tokenCache);
            var settings = new LoadTestSettings(
                scenario,
                urls,
                result.GetValue(roomsOption),
                result.GetValue(membersOption),
                result.GetValue(senders),
                result.GetValue(rateOption) * (overloaded ? 2 : 1),
                result.GetValue(ramp),
                result.GetValue(concurrency),
                result.GetValue(size),
                result.GetValue(duration),
                result.GetValue(warmup),
                result.GetValue(prefix) ?? "",
                string.Equals(cache, "none", StringComparison.OrdinalIgnoreCase) ? null : cache,
                result.GetValue(serverPid),
                thresholds,
                stepUpSettings,
                new ReportPaths(result.GetValue(json), result.GetValue(markdown), result.GetValue(html)),
                result.GetValue(client),
                result.GetValue(trustTokenCache));
            errors.AddRange(settings.Validate());
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
                }

                return InvalidArguments;
            }

            return await LoadRunner.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = Parse,
    };

    private static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (DurationText.TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration: give seconds (30), or 1500ms, 30s, 2m.");
        return TimeSpan.Zero;
    }
}
