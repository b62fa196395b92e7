using System.Globalization;
using System.Text.Json;
using Chat.LoadTest.Cli;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.LoadTest;

/// <summary>Short runs of every scenario through the command line against the real front silo (loopback, random port).</summary>
[Collection(AppCollection.Name)]
public sealed class LoadRunnerTests(AppFixture app) : IDisposable
{
    private readonly TempDirectory _files = new();

    [Theory]
    [InlineData("fanout", "--rate", "40")]
    [InlineData("http-post", "--rate", "40")]
    [InlineData("history", "--concurrency", "2")]
    [InlineData("connect", "--rate", "1")]
    public async Task EveryScenario_RunsAgainstTheServer_AndReportsWithoutLoss(string scenario, string modelOption, string modelValue)
    {
        var json = Path.Combine(_files.Path, scenario + ".json");
        var html = Path.Combine(_files.Path, scenario + ".html");
        var prefix = "t" + Guid.NewGuid().ToString("N")[..6];

        var exit = await Run(scenario, modelOption, modelValue, prefix, json, html);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.Equal(scenario, root.GetProperty("scenario").GetString());
        Assert.True(root.GetProperty("acked").GetInt64() > 0, "nothing was answered");
        Assert.Equal(0, root.GetProperty("loss").GetInt64());
        Assert.True(root.GetProperty("server").GetProperty("cpuSeconds").GetDouble() >= 0);
        Assert.Contains("<svg ", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        if (scenario == "fanout")
        {
            Assert.Equal(root.GetProperty("expectedDeliveries").GetInt64(), root.GetProperty("deliveries").GetInt64());
        }
    }

    [Fact]
    public async Task Fanout_OnTheOfficialSignalRClient_CountsEveryDelivery_AsTheLeanClientDoes()
    {
        var json = Path.Combine(_files.Path, "fanout-signalr.json");
        var prefix = "t" + Guid.NewGuid().ToString("N")[..6];

        var exit = await Run("fanout", "--rate", "40", prefix, json, null, "--client", "signalr");

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.True(root.GetProperty("deliveries").GetInt64() > 0, "nothing was delivered");
        Assert.Equal(root.GetProperty("expectedDeliveries").GetInt64(), root.GetProperty("deliveries").GetInt64());
    }

    [Fact]
    public async Task ASecondRun_WithTheSamePrefix_LogsTheExistingUsersIn_AndKeepsTheirTokens()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..6];
        var cache = Path.Combine(_files.Path, "tokens.json");
        Assert.Equal(0, await Run("http-post", "--rate", "20", prefix, Path.Combine(_files.Path, "first.json"), null));
        Assert.Contains($"{prefix}-u00003", await File.ReadAllTextAsync(cache), StringComparison.Ordinal);
        File.Delete(cache);

        // The users and rooms exist now: without cached tokens the run must log in (not register) and reuse the rooms.
        var exit = await Run("http-post", "--rate", "20", prefix, Path.Combine(_files.Path, "second.json"), null);

        Assert.Equal(0, exit);
        Assert.Contains($"{prefix}-u00003", await File.ReadAllTextAsync(cache), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrustedTokenCache_IsUsedWithoutAsking_WhileAnUntrustedOneIsCheckedAndRenewed()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..6];
        var cache = Path.Combine(_files.Path, "tokens.json");
        Assert.Equal(0, await Run("http-post", "--rate", "20", prefix, Path.Combine(_files.Path, "first.json"), null));
        // Every cached token keeps its expiry but loses its signature: the server refuses it.
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(cache))!;
        var forged = tokens.ToDictionary(t => t.Key, t => t.Value[..t.Value.LastIndexOf('.')] + ".forged");
        await File.WriteAllTextAsync(cache, JsonSerializer.Serialize(forged));

        var trusted = await Run("http-post", "--rate", "20", prefix, Path.Combine(_files.Path, "trusted.json"), null, "--trust-token-cache");
        var checkedRun = await Run("http-post", "--rate", "20", prefix, Path.Combine(_files.Path, "checked.json"), null);

        Assert.NotEqual(0, trusted);
        Assert.Equal(0, checkedRun);
        Assert.DoesNotContain(".forged", await File.ReadAllTextAsync(cache), StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private Task<int> Run(string scenario, string modelOption, string modelValue, string prefix, string json, string? html, params string[] extra)
    {
        List<string> args =
        [
            scenario, "--url", app.Factory.BaseAddress.ToString(), "--rooms", "2", "--members", "2", "--senders", "1",
            modelOption, modelValue, "--warmup", "0", "--duration", "1s", "--prefix", prefix,
            "--token-cache", Path.Combine(_files.Path, "tokens.json"),
            "--server-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--fail-if", "loss>0", "--json", json,
        ];
        if (html is not null)
        {
            args.AddRange(["--html", html]);
        }

        args.AddRange(extra);
        return LoadTestCommand.Create().Parse(args).InvokeAsync();
    }
}
