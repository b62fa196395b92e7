using System.Net;
using System.Net.Sockets;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// The harness's answer to a port taken between being chosen free and being bound by the silo (another process on a
/// busy machine can take it): the silo fails to start and is started again on other ports.
/// </summary>
public sealed class SiloProcessTests
{
    [Theory]
    [InlineData("http")]
    [InlineData("silo")]
    public async Task APortTakenBeforeTheSiloBindsIt_TheSiloIsStartedAgainOnOtherPorts_AndAnswers(string taken)
    {
        using var directory = new TempDirectory();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        var free = SiloPorts.Free(SiloRole.Front);
        var first = taken == "http" ? free with { Http = held } : free with { Silo = held };

        using var silo = await FrontSiloProcess.StartAsync(directory.Path, Path.Combine(directory.Path, "data"), Path.Combine(directory.Path, "front.log"), firstPorts: first);
        try
        {
            Assert.Equal(2, silo.Starts);
            Assert.NotEqual(first, silo.Ports);
            Assert.Contains("address already in use", FrontSiloProcess.Read(silo.LogPath), StringComparison.OrdinalIgnoreCase);
            using var user = await new ChatTestClient(silo.BaseUrl).RegisterAsync();
            Assert.NotNull(await user.CreateRoomAsync());
        }
        finally
        {
            silo.Kill();
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
