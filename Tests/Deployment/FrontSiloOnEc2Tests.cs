using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Chat.Api.Infrastructure;
using Chat.Api.Operations;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Chat.Tests.Deployment;

/// <summary>
/// A front silo process configured as on EC2, against loopback fakes of the instance metadata service and Parameter
/// Store: it starts in Production with its secrets from Parameter Store only, names itself after the instance id, and on
/// SIGTERM tells its hub clients to reconnect elsewhere before closing them, then exits cleanly within its bound.
/// </summary>
[Collection(ClusterProcesses.ClusterProcessesCollection.Name)]
public sealed class FrontSiloOnEc2Tests(ITestOutputHelper output)
{
    private const string InstanceId = "i-0feedfacecafe0001";
    private const int ShutdownTimeoutSeconds = 10;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OnEc2_TheSiloUsesMetadataAndParameterStore_AndOnSigtermTellsClientsToReconnect_ThenExitsInTime()
    {
        await using var imds = await FakeInstanceMetadataService.StartAsync(new Dictionary<string, string>
        {
            ["instance-id"] = InstanceId,
            ["local-ipv4"] = "127.0.0.1",
        });
        await using var parameters = await FakeParameterStore.StartAsync(
        [
            ("/chat-test/Chat/Jwt/SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))),
            ("/chat-test/Chat/Encryption/Keys/k1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            ("/chat-test/Chat/Encryption/CurrentKeyId", "k1"),
        ]);
        using var directory = new TempDirectory();
        var silo = SiloProcess.Start(
            "front-ec2",
            SiloRole.Front,
            BuildOutput.FrontSiloAssembly,
            ports => new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports.Http!.Value.ToString(CultureInfo.InvariantCulture)}",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["shutdownTimeoutSeconds"] = ShutdownTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                ["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture),
                ["Chat__DataDirectory"] = directory.Path,
                ["Chat__Aws__UseInstanceMetadata"] = "true",
                ["Chat__Aws__MetadataEndpoint"] = imds.Endpoint.ToString(),
                ["Chat__Aws__Region"] = "eu-west-1",
                ["Chat__Aws__ParameterStorePath"] = "/chat-test/",
                ["Chat__Aws__ParameterStoreServiceUrl"] = parameters.Endpoint.ToString(),
                ["Chat__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            },
            Path.Combine(directory.Path, "front-ec2.log"));
        try
        {
            await silo.WaitUntilReadyAsync(Bound);
            using var http = new HttpClient { BaseAddress = silo.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
            using var live = await http.GetAsync("/health/live");
            Assert.StartsWith(InstanceId + "/", string.Join(",", live.Headers.GetValues(ServedByMiddleware.Header)), StringComparison.Ordinal);

            // Registering signs a token with the key that came from Parameter Store (Production has no other).
            using var alice = await new ChatTestClient(silo.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("alice"));
            var notice = new TaskCompletionSource<(ReconnectNotice Notice, DateTimeOffset At)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var closed = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var connection = new HubConnectionBuilder()
                .WithUrl(silo.HubUrl, o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(alice.Token);
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<ReconnectNotice>(ReconnectOnShutdown.Method, n => notice.TrySetResult((n, DateTimeOffset.UtcNow)));
            connection.Closed += _ =>
            {
                closed.TrySetResult(DateTimeOffset.UtcNow);
                return Task.CompletedTask;
            };
            await connection.StartAsync();

            // The handshake completes before the server has run its connection handlers; a hub call answers after them,
            // so the connection is fully established (as any client's that has joined a room) when SIGTERM arrives.
            var room = await alice.CreateRoomAsync();
            await connection.InvokeAsync<object>("JoinRoom", room.Id);

            var stoppedAt = DateTimeOffset.UtcNow;
            silo.Terminate();

            await Task.WhenAny(closed.Task, Task.Delay(Bound));
            Assert.True(closed.Task.IsCompleted, $"the connection was not closed within {Bound.TotalSeconds} s of SIGTERM:\n{silo.LogTail()}");
            var closedAt = await closed.Task;
            Assert.True(notice.Task.IsCompleted, $"the connection closed without a reconnect notice:\n{silo.LogTail()}");
            var (told, toldAt) = await notice.Task;
            var exited = await silo.WaitForExitAsync(TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 10));
            var exitedAt = DateTimeOffset.UtcNow;

            Assert.True(toldAt <= closedAt, "the reconnect notice must arrive before the connection closes");
            Assert.InRange(told.RetryAfterMilliseconds, 0, ReconnectOnShutdown.SpreadMilliseconds);
            Assert.True(exited, $"the silo did not exit within {ShutdownTimeoutSeconds + 10} s of SIGTERM:\n{silo.LogTail()}");
            Assert.Equal(0, silo.ExitCode);
            Assert.Contains(imds.Requests, r => r == "PUT /latest/api/token 200");
            Assert.NotEmpty(parameters.Requests);
            output.WriteLine($"SIGTERM → reconnect notice {(toldAt - stoppedAt).TotalMilliseconds:0} ms, connection closed {(closedAt - stoppedAt).TotalMilliseconds:0} ms, " +
                $"process exited (code {silo.ExitCode}) {(exitedAt - stoppedAt).TotalSeconds:0.00} s after SIGTERM at the latest");
        }
        finally
        {
            silo.Kill();
        }
    }
}
