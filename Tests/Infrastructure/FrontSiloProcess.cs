using System.Diagnostics;
using System.Globalization;
using Chat.Tests.ClusterProcesses;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The built front silo (<c>dotnet Chat.Api.dll</c>) as a process of its own in embedded mode, in Production, on
/// 127.0.0.1 with free ports, its output appended to a log file. The caller stops it by its PID.
/// </summary>
public static class FrontSiloProcess
{
    public static Process Start(string workingDirectory, string dataDirectory, string log, int port, IReadOnlyDictionary<string, string>? settings = null)
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
        start.Environment["Chat__DataDirectory"] = dataDirectory;
        start.Environment["Chat__Jwt__SigningKey"] = ChatAppFactory.SigningKey;
        start.Environment["Chat__Encryption__Keys__test-1"] = TestKeys.EncryptionKey;
        start.Environment["Chat__Encryption__CurrentKeyId"] = "test-1";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__ClusterId"] = "root-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the front silo.");
    }

    /// <summary>Waits until the silo at <paramref name="baseUrl"/> answers ready.</summary>
    public static async Task WaitUntilReadyAsync(Uri baseUrl, string log)
    {
        using var probe = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async () => (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            "the front silo ready",
            () => Tail(log));
    }

    public static string Read(string log)
    {
        using var stream = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Tail(string log) => string.Join('\n', Read(log).Split('\n').TakeLast(30));
}
