using System.Globalization;
using Chat.Tests.ClusterProcesses;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>
/// The app as the README runs it (the front silo with its embedded store and the built client), started as its own
/// process on 127.0.0.1 with random ports and a temporary data directory, and one headless Chromium (Debian's, driven
/// by Playwright: nothing is downloaded). <see cref="RestartAsync"/> stops and starts the app on the same ports and data.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chat-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private IPlaywright? _playwright;
    private int _starts;

    public SiloProcess App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUrl => App.BaseUrl;

    /// <summary>Where failures leave their screenshots and console logs, and the chat test its screenshot.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(BuildOutput.RepositoryRoot, "TestResults", "browser");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/install-chromium.sh (apt-get install chromium).");
        }

        if (!File.Exists(Path.Combine(Path.GetDirectoryName(BuildOutput.FrontSiloAssembly)!, "ClientApp", "index.html")))
        {
            throw new InvalidOperationException("The Api was built without its browser client (SkipClientBuild?): build it with Node.js available.");
        }

        Directory.CreateDirectory(_directory);
        Directory.CreateDirectory(ArtifactsDirectory);
        await StartAppAsync();
        // Assertions wait up to this long (Playwright's default is 5 s): enough for a busy shared machine, and a
        // passing step never waits that long.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Stops the app gracefully and starts it again on the same ports and data; returns once it is ready.</summary>
    public async Task RestartAsync(Func<Task>? whileDown = null)
    {
        App.Terminate();
        if (!await App.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            App.Kill();
            await App.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartAppAsync();
    }

    /// <summary>
    /// Starts the app and waits until it is ready. The first start takes free ports (others if one was taken before the
    /// app bound it); a restart keeps them, since the open pages hold the address.
    /// </summary>
    private async Task StartAppAsync()
    {
        IReadOnlyDictionary<string, string> Environment(SiloPorts ports) => new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports.Http!.Value.ToString(CultureInfo.InvariantCulture)}",
            ["Chat__DataDirectory"] = Path.Combine(_directory, "data"),
            ["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = "browser-" + Path.GetFileName(_directory),
            ["Chat__Api__InstanceName"] = "browser-tests",
            ["Chat__Api__MessageBurst"] = "10000",
            ["Chat__Api__MessagesPerSecond"] = "10000",
            ["Chat__Api__AuthRequestsPerMinute"] = "10000",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        };

        var name = $"app-{++_starts}";
        var log = Path.Combine(_directory, "app.log");
        App = App is null
            ? SiloProcess.Start(name, SiloRole.Front, BuildOutput.FrontSiloAssembly, Environment, log)
            : SiloProcess.StartOn(name, SiloRole.Front, BuildOutput.FrontSiloAssembly, App.Ports, Environment(App.Ports), log);
        await App.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            App.Terminate();
            if (!await App.WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                App.Kill();
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left behind.
        }
    }
}
