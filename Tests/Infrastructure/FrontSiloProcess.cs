using System.Globalization;
using Chat.Tests.ClusterProcesses;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The built front silo (<c>dotnet Chat.Api.dll</c>) as a process of its own in embedded mode, in Production, on
/// 127.0.0.1 with free ports, its output appended to a log file. The caller stops it by its PID.
/// </summary>
public static class FrontSiloProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts the front silo in <paramref name="workingDirectory"/> and returns once it answers ready (on other ports if one was taken).</summary>
    /// <param name="firstPorts">The first start's ports; free ones by default.</param>
    public static async Task<SiloProcess> StartAsync(
        string workingDirectory,
        string dataDirectory,
        string log,
        IReadOnlyDictionary<string, string>? settings = null,
        SiloPorts? firstPorts = null)
    {
        var silo = SiloProcess.Start(
            "front",
            SiloRole.Front,
            BuildOutput.FrontSiloAssembly,
            ports =>
            {
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports.Http!.Value.ToString(CultureInfo.InvariantCulture)}",
                    ["Chat__DataDirectory"] = dataDirectory,
                    ["Chat__Jwt__SigningKey"] = ChatAppFactory.SigningKey,
                    ["Chat__Encryption__Keys__test-1"] = TestKeys.EncryptionKey,
                    ["Chat__Encryption__CurrentKeyId"] = "test-1",
                    ["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture),
                    ["Orleans__ClusterId"] = "root-" + Guid.NewGuid().ToString("N")[..8],
                };
                foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                {
                    environment[key] = value;
                }

                return environment;
            },
            log,
            workingDirectory,
            firstPorts);
        try
        {
            await silo.WaitUntilReadyAsync(StartTimeout);
            return silo;
        }
        catch
        {
            silo.Kill();
            silo.Dispose();
            throw;
        }
    }

    public static string Read(string log)
    {
        using var stream = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Tail(string log) => string.Join('\n', Read(log).Split('\n').TakeLast(30));
}
