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
        using var silo = await FrontSiloProcess.StartAsync(elsewhere.Path, Path.Combine(elsewhere.Path, "data"), log);
        try
        {
            var baseUrl = silo.BaseUrl;
            using var user = await new ChatTestClient(baseUrl).RegisterAsync();
            await using var hub = await user.Hub().StartAsync();

            await HubAssert.FailsWithAsync("NotFound", () => hub.JoinAsync("no-such-room"));
            var room = await user.CreateRoomAsync();
            await Poll.UntilAsync(() => FrontSiloProcess.Read(log).Contains($"Room {room.Id} created", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the room's creation logged", () => FrontSiloProcess.Tail(log));

            var text = FrontSiloProcess.Read(log);
            Assert.DoesNotContain("fail:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed invoking hub method", text, StringComparison.Ordinal);
            Assert.DoesNotContain("info: Orleans.", text, StringComparison.Ordinal);
        }
        finally
        {
            silo.Kill();
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
