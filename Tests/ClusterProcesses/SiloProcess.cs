using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// One silo host running as its own process (<c>dotnet Chat.Api.dll</c> or <c>dotnet Chat.Silo.dll</c>), started from
/// the build output with its settings in environment variables and its console output in a log file. It is
/// stopped by its PID only: <see cref="Kill"/> (SIGKILL, a crash) or <see cref="Terminate"/> (SIGTERM, a graceful stop).
/// </summary>
/// <remarks>
/// A start can fail for reasons of the busy machine rather than of the silo, and the silo then exits:
/// <list type="bullet">
/// <item>Its ports are chosen free (bound to port 0 and released) and only then bound by the new process: in between, any
/// other process on the machine may take one (an outgoing connection's ephemeral port, another test run's listener):
/// "address already in use".</item>
/// <item>Silos probe each other with the cluster's probe timeout (1 s with <see cref="ProcessCluster.FastFailureDetection"/>),
/// a joining silo every active one before it joins; on a loaded machine, while the silos start together, a probe
/// either way can take longer. The silo is then marked dead in the membership table, and Orleans stops it at once when
/// it reads that (exit code 134): "I have been told I am dead".</item>
/// </list>
/// A silo started with
/// <see cref="Start(string, SiloRole, string, Func{SiloPorts, IReadOnlyDictionary{string, string}}, string, string?, SiloPorts?)"/>
/// is therefore started again, on other free ports, when its log since that start says either while it starts (see
/// <see cref="WaitUntilReadyAsync"/>), at most <see cref="MaxStarts"/> times; any other exit while starting is a failure.
/// </remarks>
public sealed class SiloProcess : IDisposable
{
    /// <summary>Most starts of one silo whose starts failed for the machine's reasons (see the remarks).</summary>
    public const int MaxStarts = 5;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>What the log of a start that failed for the machine's reasons says, and what it means.</summary>
    private static readonly (string LogSays, string Reason)[] TransientStartFailures =
    [
        ("address already in use", "a port was taken before the silo bound it"),
        ("I have been told I am dead", "probes between it and the cluster timed out while it joined"),
    ];

    private readonly Lock _lock = new();
    private readonly string _assembly;
    private readonly string _workingDirectory;
    private readonly Func<SiloPorts, IReadOnlyDictionary<string, string>> _environment;
    private readonly bool _fixedPorts;
    private Process _process = null!;
    private SiloPorts _ports;
    private long _logStart;
    private int _starts;

    private SiloProcess(
        string name,
        SiloRole role,
        string assembly,
        string workingDirectory,
        SiloPorts ports,
        bool fixedPorts,
        Func<SiloPorts, IReadOnlyDictionary<string, string>> environment,
        string logPath)
    {
        Name = name;
        Role = role;
        LogPath = logPath;
        _assembly = assembly;
        _workingDirectory = workingDirectory;
        _ports = ports;
        _fixedPorts = fixedPorts;
        _environment = environment;
    }

    public string Name { get; }

    public SiloRole Role { get; }

    public int SiloPort => Ports.Silo;

    public int GatewayPort => Ports.Gateway;

    /// <summary>The HTTP port of a front silo; null for a back silo.</summary>
    public int? HttpPort => Ports.Http;

    public string LogPath { get; }

    /// <summary>How many times the process was started (1 when the first start held; see the remarks).</summary>
    public int Starts
    {
        get
        {
            lock (_lock)
            {
                return _starts;
            }
        }
    }

    public int Pid => Current.Id;

    public bool HasExited => Current.HasExited;

    /// <summary>The front silo's own address, bypassing the balancer.</summary>
    public Uri BaseUrl => HttpPort is { } port
        ? new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")
        : throw new InvalidOperationException($"{Name} is a back silo: it has no HTTP endpoint.");

    public Uri HubUrl => new(BaseUrl, "/hubs/chat");

    public int ExitCode => Current.ExitCode;

    /// <summary>The ports of the current start.</summary>
    public SiloPorts Ports
    {
        get
        {
            lock (_lock)
            {
                return _ports;
            }
        }
    }

    private Process Current
    {
        get
        {
            lock (_lock)
            {
                return _process;
            }
        }
    }

    /// <summary>Whether an Orleans silo address (<c>127.0.0.1:port@generation</c>) is this process's.</summary>
    public bool Is(SiloAddress address) => address.Endpoint.Port == SiloPort;

    /// <summary>
    /// Starts <paramref name="assembly"/> on free ports with the settings <paramref name="environment"/> makes for them; its
    /// output is appended to <paramref name="logPath"/>. Started again on other ports when one was taken (see the remarks).
    /// </summary>
    /// <param name="workingDirectory">Where the process starts; the assembly's folder by default.</param>
    /// <param name="firstPorts">The first start's ports; free ones by default.</param>
    public static SiloProcess Start(
        string name,
        SiloRole role,
        string assembly,
        Func<SiloPorts, IReadOnlyDictionary<string, string>> environment,
        string logPath,
        string? workingDirectory = null,
        SiloPorts? firstPorts = null)
    {
        var silo = new SiloProcess(
            name, role, assembly, workingDirectory ?? Path.GetDirectoryName(assembly)!, firstPorts ?? SiloPorts.Free(role), fixedPorts: false, environment, logPath);
        silo.Launch();
        return silo;
    }

    /// <summary>Starts <paramref name="assembly"/> on the given <paramref name="ports"/> (a restart that must keep its address); never moved to others.</summary>
    public static SiloProcess StartOn(
        string name,
        SiloRole role,
        string assembly,
        SiloPorts ports,
        IReadOnlyDictionary<string, string> environment,
        string logPath)
    {
        var silo = new SiloProcess(name, role, assembly, Path.GetDirectoryName(assembly)!, ports, fixedPorts: true, _ => environment, logPath);
        silo.Launch();
        return silo;
    }

    /// <summary>
    /// Polls until <paramref name="ready"/> holds (by default, for a front silo: <c>/health/ready</c> answers 200); returns
    /// how long that took. A start that failed for the machine's reasons (see the remarks) is started again on other
    /// ports; any other exit
    /// while starting fails with the log's tail.
    /// </summary>
    public Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout, Func<Task<bool>>? ready = null) =>
        Poll.UntilAsync(
            async () =>
            {
                RestartIfTheStartFailedForTheMachinesReasons();
                return await (ready ?? IsHttpReadyAsync)();
            },
            timeout,
            $"{this} ready",
            () => LogTail(),
            TimeSpan.FromMilliseconds(250));

    /// <summary>SIGKILL: the process dies at once, as in a crash or a lost machine.</summary>
    public void Kill()
    {
        var process = Current;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
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

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Current.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the log, for failure messages.</summary>
    public string LogTail(int lines = 25)
    {
        try
        {
            var all = ReadLog(0).Split('\n');
            return $"--- last lines of {LogPath} ---\n{string.Join('\n', all.TakeLast(lines))}";
        }
        catch (IOException error)
        {
            return $"(no log at {LogPath}: {error.Message})";
        }
    }

    public void Dispose() => Current.Dispose();

    public override string ToString() => $"{Name} (PID {Pid}, silo port {SiloPort})";

    private async Task<bool> IsHttpReadyAsync()
    {
        using var response = await Probe.GetAsync(new Uri(BaseUrl, "/health/ready"));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// While the silo starts: nothing when it runs; when it exited for one of the machine's reasons (see the remarks),
    /// starts it again on other free ports; any other exit, or one start too many, throws with the log's tail.
    /// </summary>
    private void RestartIfTheStartFailedForTheMachinesReasons()
    {
        lock (_lock)
        {
            if (!_process.HasExited)
            {
                return;
            }

            var output = ReadLog(_logStart);
            var reason = TransientStartFailures.FirstOrDefault(failure => output.Contains(failure.LogSays, StringComparison.OrdinalIgnoreCase)).Reason;
            if (reason is null || _fixedPorts || _starts >= MaxStarts)
            {
                var why = reason is null ? "" : $" ({reason}; started {_starts} time(s){(_fixedPorts ? " on fixed ports" : "")})";
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting{why}.\n{LogTail()}");
            }

            _process.Dispose();
            _ports = SiloPorts.Free(Role);
            LaunchLocked();
        }
    }

    private void Launch()
    {
        lock (_lock)
        {
            LaunchLocked();
        }
    }

    private void LaunchLocked()
    {
        // bash replaces itself with dotnet (exec), so the PID is the silo's, and the output goes straight to the file.
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(LogPath);
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(_assembly);
        foreach (var (key, value) in _environment(_ports))
        {
            start.Environment[key] = value;
        }

        _logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name} ({_assembly}).");
        _starts++;
    }

    private string ReadLog(long from)
    {
        // Open or create: bash creates the file before dotnet starts, but a process that failed to start at all has none.
        using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Signal(string signal)
    {
        if (HasExited)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
    }
}
