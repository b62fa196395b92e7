using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// nginx as the load balancer in front of the front silos, from the same template as <c>scripts/cluster.sh</c>
/// (<c>scripts/nginx/cluster.conf.template</c>): round robin for REST, cookie affinity for the hub, WebSockets passed
/// through. It runs in the foreground of its own process with its files in its own folder, on 127.0.0.1, and is
/// stopped by its PID.
/// </summary>
public sealed class NginxProcess
{
    private readonly Process _process;

    private NginxProcess(int port, string directory, Process process)
    {
        Port = port;
        Directory = directory;
        _process = process;
    }

    public int Port { get; }

    public string Directory { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public Uri HubUrl => new(BaseUrl, "/hubs/chat");

    public static async Task<NginxProcess> StartAsync(int port, IEnumerable<int> frontPorts, string directory)
    {
        var nginx = await FindOrInstallAsync();
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "nginx-temp"));
        var fronts = string.Join(' ', frontPorts.Select(p => $"server 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)} max_fails=1 fail_timeout=5s;"));
        var template = await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepositoryRoot, "scripts", "nginx", "cluster.conf.template"));
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, template
            .Replace("@RUN_DIR@", directory, StringComparison.Ordinal)
            .Replace("@PORT@", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@FRONTS@", fronts, StringComparison.Ordinal));

        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-c", config, "-e", Path.Combine(directory, "nginx.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new NginxProcess(port, directory, process);
    }

    /// <summary>
    /// Which front silo (its instance name) nginx sends hub requests with these cookies to, from the <c>X-Served-By</c>
    /// of a hub request; nginx sets the affinity cookie on it when the container has none.
    /// </summary>
    public async Task<string> FrontForAsync(CookieContainer cookies)
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var servedBy = await ChatRest.ServedByAsync(http, new Uri(BaseUrl, "/hubs/chat/negotiate"))
            ?? throw new InvalidOperationException("A hub request through nginx had no X-Served-By.");
        return servedBy[..servedBy.IndexOf('/', StringComparison.Ordinal)];
    }

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public bool HasExited => _process.HasExited;

    public string LogTail(int lines = 20)
    {
        var path = Path.Combine(Directory, "nginx.log");
        return File.Exists(path) ? $"--- last lines of {path} ---\n{string.Join('\n', File.ReadLines(path).TakeLast(lines))}" : $"(no {path})";
    }

    /// <summary>nginx from Debian; when missing, scripts/install-nginx.sh installs it (as scripts/test.sh does first).</summary>
    private static async Task<string> FindOrInstallAsync()
    {
        static string? Find() => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

        if (Find() is { } found)
        {
            return found;
        }

        using var install = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(BuildOutput.RepositoryRoot, "scripts", "install-nginx.sh") },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run scripts/install-nginx.sh.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await install.WaitForExitAsync(timeout.Token);
        return Find() ?? throw new InvalidOperationException("nginx is missing and scripts/install-nginx.sh did not install it.");
    }
}
