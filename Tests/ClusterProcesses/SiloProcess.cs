using System.Diagnostics;
using System.Globalization;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// One silo host running as its own process (<c>dotnet Chat.Api.dll</c> or <c>dotnet Chat.Silo.dll</c>), started from
/// the build output with its settings in environment variables and its console output in a log file. It is
/// stopped by its PID only: <see cref="Kill"/> (SIGKILL, a crash) or <see cref="Terminate"/> (SIGTERM, a graceful stop).
/// </summary>
public sealed class SiloProcess
{
    private readonly Process _process;

    private SiloProcess(string name, SiloRole role, int siloPort, int gatewayPort, int? httpPort, string logPath, Process process)
    {
        Name = name;
        Role = role;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        LogPath = logPath;
        _process = process;
    }

    public string Name { get; }

    public SiloRole Role { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The HTTP port of a front silo; null for a back silo.</summary>
    public int? HttpPort { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The front silo's own address, bypassing the balancer.</summary>
    public Uri BaseUrl => HttpPort is { } port
        ? new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")
        : throw new InvalidOperationException($"{Name} is a back silo: it has no HTTP endpoint.");

    public Uri HubUrl => new(BaseUrl, "/hubs/chat");

    /// <summary>Whether an Orleans silo address (<c>127.0.0.1:port@generation</c>) is this process's.</summary>
    public bool Is(SiloAddress address) => address.Endpoint.Port == SiloPort;

    /// <summary>Starts <paramref name="assembly"/> with <paramref name="environment"/>; its output is appended to <paramref name="logPath"/>.</summary>
    public static SiloProcess Start(
        string name,
        SiloRole role,
        string assembly,
        int siloPort,
        int gatewayPort,
        int? httpPort,
        IReadOnlyDictionary<string, string> environment,
        string logPath)
    {
        // bash replaces itself with dotnet (exec), so the PID is the silo's, and the output goes straight to the file.
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(logPath);
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name} ({assembly}).");
        return new SiloProcess(name, role, siloPort, gatewayPort, httpPort, logPath, process);
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or a lost machine.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    /// <summary>SIGTERM: the host shuts down gracefully (closes connections, leaves the cluster).</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>
    /// SIGSTOP: the process stops answering but keeps its connections open, as a hung process or an instance cut off
    /// from the network does (nothing refuses a connection). <see cref="Kill"/> ends it.
    /// </summary>
    public void Freeze()
    {
        Signal("STOP");
        IsFrozen = true;
    }

    /// <summary>Stopped by <see cref="Freeze"/>: it holds its connections but answers nothing.</summary>
    public bool IsFrozen { get; private set; }

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines of the log, for failure messages.</summary>
    public string LogTail(int lines = 25)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- last lines of {LogPath} ---\n{string.Join('\n', all.TakeLast(lines))}";
        }
        catch (IOException error)
        {
            return $"(no log at {LogPath}: {error.Message})";
        }
    }

    public override string ToString() => $"{Name} (PID {Pid}, silo port {SiloPort})";
}
