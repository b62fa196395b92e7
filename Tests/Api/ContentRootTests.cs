using System.Diagnostics;
using System.Globalization;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>The front silo started as <c>dotnet /path/Chat.Api.dll</c> from another directory still reads its own settings.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task FrontSilo_StartedFromAnotherDirectory_ReadsItsSettings_AndLogsRefusedHubCallsWithoutAnError()
    {
        using var elsewhere = new TempDirectory();
        var log = Path.Combine(elsewhere.Path, "front.log");
        var port = FreePort.Next();
        using var process = Start(elsewhere.Path, log, port);
        try
        {
            var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            using var probe = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
            await Poll.UntilAsync(
                async () => (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60),
                "the front silo ready",
                () => Tail(log));
            using var user = await new ChatTestClient(baseUrl).RegisterAsync();
            await using var hub = await user.Hub().StartAsync();

            await HubAssert.FailsWithAsync("NotFound", () => hub.JoinAsync("no-such-room"));
            var room = await user.CreateRoomAsync();
            await Poll.UntilAsync(() => Read(log).Contains($"Room {room.Id} created", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the room's creation logged", () => Tail(log));

            var text = Read(log);
            Assert.DoesNotContain("fail:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed invoking hub method", text, StringComparison.Ordinal);
            Assert.DoesNotContain("info: Orleans.", text, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(string workingDirectory, string log, int port)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(log);
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(BuildOutput.FrontSiloAssembly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["Chat__DataDirectory"] = Path.Combine(workingDirectory, "data");
        start.Environment["Chat__Jwt__SigningKey"] = ChatAppFactory.SigningKey;
        start.Environment["Chat__Encryption__Keys__test-1"] = TestKeys.EncryptionKey;
        start.Environment["Chat__Encryption__CurrentKeyId"] = "test-1";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__ClusterId"] = "root-" + Guid.NewGuid().ToString("N")[..8];
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the front silo.");
    }

    private static string Read(string log)
    {
        using var stream = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Tail(string log) => string.Join('\n', Read(log).Split('\n').TakeLast(30));
}
