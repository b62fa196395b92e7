using System.CommandLine;
using System.CommandLine.Parsing;
using Chat.LoadTest.Running;
using Spectre.Console;

namespace Chat.LoadTest.Cli;

/// <summary>The command line: options, their defaults, and the checks made before any traffic is sent.</summary>
public static class LoadTestCommand
{
    public const int InvalidArguments = 2;

    public static RootCommand Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "Base URL of a front silo on this machine (127.0.0.0/8, localhost or [::1] only).",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var users = new Option<int>("--users", "-u") { Description = "Simulated users, one SignalR connection each.", DefaultValueFactory = _ => 20 };
        var rooms = new Option<int>("--rooms", "-r") { Description = "Rooms created for the run.", DefaultValueFactory = _ => 5 };
        var roomsPerUser = new Option<int>("--rooms-per-user") { Description = "Rooms each user joins; it sends to them in turn.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Messages per second each user sends.", DefaultValueFactory = _ => 2 };
        var duration = DurationOption("--duration", "Measured time: 30, 30s, 2m (at most 10 minutes).", TimeSpan.FromSeconds(30));
        var warmup = DurationOption("--warmup", "Sending time before measuring starts (not counted).", TimeSpan.FromSeconds(5));
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };

        var command = new RootCommand("Chat load test: registers users, opens one SignalR connection each, sends at a fixed rate and measures send→ack and send→delivery latency.")
        {
            url, users, rooms, roomsPerUser, rate, duration, warmup, json,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            if (!LoopbackUrl.TryParse(result.GetValue(url), out var baseUrl, out var urlError))
            {
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(urlError)}");
                return InvalidArguments;
            }

            var settings = new LoadTestSettings(
                baseUrl,
                result.GetValue(users),
                result.GetValue(rooms),
                result.GetValue(roomsPerUser),
                result.GetValue(rate),
                result.GetValue(duration),
                result.GetValue(warmup),
                result.GetValue(json));
            var errors = settings.Validate();
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
