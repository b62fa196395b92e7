using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Chat.Silo.Clustering.DynamoDb;
using Chat.Silo.Storage.DynamoDb;
using Chat.Tests.Infrastructure;
using Chat.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// A cluster of real silo processes in <c>Chat:Mode=Cluster</c> on one DynamoDB Local, configured as in production
/// (Production environment, keys in environment variables), every port a free one on 127.0.0.1, with its own cluster
/// id and table prefix so that clusters never see each other. Optionally nginx in front of the front silos.
/// The test drives it: start more silos, kill or stop them by PID, read the membership table with the cluster's own
/// provider, and ask Orleans' management grain (through a client on the front silos' gateways) where grains live.
/// Failure detection is either the production defaults of the silos (<see cref="ClusterMembership.Production"/>) or
/// the eager test settings (<see cref="FastFailureDetection"/>, the default here), which also forget dead silos in seconds.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Membership settings of every test cluster: probe every second, suspect after two misses, forget the dead after seconds.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastFailureDetection = new Dictionary<string, string>
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans:Membership:DefunctSiloExpiration"] = "00:00:02",
        ["Orleans:Membership:DefunctSiloMinimumRetention"] = "00:00:02",
        ["Orleans:Membership:DefunctSiloCleanupPeriod"] = "00:00:02",
    };

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    private readonly Lock _lock = new();
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _environment;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly DynamoDbMembershipTable _membership;
    private readonly bool _keepLogs = Environment.GetEnvironmentVariable("CHAT_KEEP_CLUSTER_LOGS") == "1";
    private IHost? _client;
    private List<SiloProcess> _clientGateways = [];
    private int _frontCount;
    private int _backCount;

    private ProcessCluster(string dynamoDbUrl, IReadOnlyDictionary<string, string>? settings, ClusterMembership membership)
    {
        ClusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        Directory = Path.Combine(Path.GetTempPath(), "chat-cluster-tests", ClusterId);
        System.IO.Directory.CreateDirectory(Directory);
        DashboardPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

        var store = new DynamoDbOptions { ServiceUrl = dynamoDbUrl, TablePrefix = ClusterId + "-", CreateTables = true };
        var all = new Dictionary<string, string>(membership == ClusterMembership.Eager ? FastFailureDetection : new Dictionary<string, string>())
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
            ["Chat:Mode"] = "Cluster",
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
            ["Chat:DynamoDb:ServiceUrl"] = dynamoDbUrl,
            ["Chat:DynamoDb:TablePrefix"] = store.TablePrefix,
            ["Chat:DynamoDb:CreateTables"] = "true",
            ["Chat:Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Chat:Encryption:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Chat:Encryption:CurrentKeyId"] = "k1",
            ["Chat:Dashboard:UserName"] = "admin",
            ["Chat:Dashboard:Password"] = DashboardPassword,
            // Tests send faster than a person; the limits are tested elsewhere.
            ["Chat:Api:MessageBurst"] = "1000",
            ["Chat:Api:MessagesPerSecond"] = "1000",
            ["Chat:Api:AuthRequestsPerMinute"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        _environment = all.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        _dynamo = DynamoDbClientFactory.Create(store);
        _membership = new DynamoDbMembershipTable(
            _dynamo,
            Options.Create(store),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = ClusterId }),
            NullLogger<DynamoDbMembershipTable>.Instance);
        AppDomain.CurrentDomain.ProcessExit += KillEverything;
    }

    public string ClusterId { get; }

    /// <summary>Logs and nginx's files (deleted at the end unless CHAT_KEEP_CLUSTER_LOGS=1).</summary>
    public string Directory { get; }

    public string DashboardPassword { get; }

    public NginxProcess? Balancer { get; private set; }

    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_lock)
            {
                return [.. _silos];
            }
        }
    }

    public IReadOnlyList<SiloProcess> Fronts => [.. Silos.Where(s => s.Role == SiloRole.Front)];

    public IReadOnlyList<SiloProcess> Backs => [.. Silos.Where(s => s.Role == SiloRole.Back)];

    /// <summary>Starts the silos (and nginx) and returns once every front silo is ready and every silo is an active member.</summary>
    public static async Task<ProcessCluster> StartAsync(
        DynamoDbLocalFixture dynamoDb,
        int fronts,
        int backs,
        bool balancer = false,
        IReadOnlyDictionary<string, string>? settings = null,
        ClusterMembership membership = ClusterMembership.Eager)
    {
        var cluster = new ProcessCluster(dynamoDb.ServiceUrl, settings, membership);
        try
        {
            var silos = Enumerable.Range(0, fronts).Select(_ => cluster.Launch(SiloRole.Front))
                .Concat(Enumerable.Range(0, backs).Select(_ => cluster.Launch(SiloRole.Back)))
                .ToList();
            await Task.WhenAll(silos.Select(cluster.WaitUntilReadyAsync));
            if (balancer)
            {
                await cluster.StartBalancerAsync();
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process and returns at once (it joins in the background).</summary>
    public SiloProcess Launch(SiloRole role)
    {
        var front = role == SiloRole.Front;
        var name = front ? $"front-{Interlocked.Increment(ref _frontCount)}" : $"back-{Interlocked.Increment(ref _backCount)}";
        var silo = SiloProcess.Start(
            name,
            role,
            front ? BuildOutput.FrontSiloAssembly : BuildOutput.BackSiloAssembly,
            ports =>
            {
                var environment = new Dictionary<string, string>(_environment)
                {
                    ["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture),
                    ["Chat__DataDirectory"] = Path.Combine(Directory, name + "-data"),
                };
                if (ports.Http is { } port)
                {
                    environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
                    environment["Chat__Api__InstanceName"] = name;
                }

                return environment;
            },
            Path.Combine(Directory, name + ".log"));
        lock (_lock)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>
    /// Waits until the silo is an active member (and, for a front silo, until /health/ready says so); returns how long
    /// that took. A silo whose start failed for the machine's reasons (a port taken before it bound it, probes that timed
    /// out while it joined: see <see cref="SiloProcess"/>) is started again meanwhile.
    /// </summary>
    public Task<TimeSpan> WaitUntilReadyAsync(SiloProcess silo) =>
        silo.Role == SiloRole.Front
            ? silo.WaitUntilReadyAsync(StartTimeout)
            : silo.WaitUntilReadyAsync(StartTimeout, async () => (await MembershipEntryAsync(silo))?.Status == SiloStatus.Active);

    /// <summary>
    /// Starts nginx in front of the front silos and waits until it passes requests to them; on another free port when the
    /// one chosen was taken before nginx bound it (as for a silo: see <see cref="SiloProcess"/>), at most
    /// <see cref="SiloProcess.MaxStarts"/> times.
    /// </summary>
    public async Task StartBalancerAsync()
    {
        var directory = Path.Combine(Directory, "nginx");
        System.IO.Directory.CreateDirectory(directory);
        for (var start = 1; ; start++)
        {
            Balancer = await NginxProcess.StartAsync(FreePort.Next(), Fronts.Select(f => f.HttpPort!.Value), directory);
            var portTaken = false;
            await Poll.UntilAsync(
                async () =>
                {
                    if (Balancer.HasExited)
                    {
                        portTaken = Balancer.LogTail().Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
                        if (portTaken && start < SiloProcess.MaxStarts)
                        {
                            return true;
                        }

                        throw new InvalidOperationException($"nginx exited while starting (started {start} time(s)).\n{Balancer.LogTail()}");
                    }

                    using var response = await Probe.GetAsync(new Uri(Balancer.BaseUrl, "/health/ready"));
                    return response.StatusCode == HttpStatusCode.OK;
                },
                TimeSpan.FromSeconds(20),
                "nginx passing requests to the front silos",
                () => Balancer.LogTail());
            if (!portTaken)
            {
                return;
            }
        }
    }

    /// <summary>Every row of the cluster's membership table, read with the cluster's own DynamoDB membership provider.</summary>
    public async Task<IReadOnlyList<MembershipEntry>> MembershipAsync()
    {
        var data = await _membership.ReadAll();
        return [.. data.Members.Select(member => member.Item1)];
    }

    /// <summary>The newest membership row of the silo's port (a restarted silo has a new generation), or null.</summary>
    public async Task<MembershipEntry?> MembershipEntryAsync(SiloProcess silo) =>
        (await MembershipAsync()).Where(entry => silo.Is(entry.SiloAddress)).MaxBy(entry => entry.SiloAddress.Generation);

    /// <summary>Waits until the silo's membership row has <paramref name="status"/>; returns the row.</summary>
    public async Task<MembershipEntry> WaitForStatusAsync(SiloProcess silo, SiloStatus status, TimeSpan timeout)
    {
        MembershipEntry? entry = null;
        await Poll.UntilAsync(
            async () => (entry = await MembershipEntryAsync(silo))?.Status == status,
            timeout,
            $"{silo} recorded as {status} in the membership table (last seen: {entry?.Status.ToString() ?? "no row"})");
        return entry!;
    }

    /// <summary>
    /// An Orleans client on the gateways of the front silos that answer, for the management grain. It is built again
    /// when one of its gateways has exited or been frozen (a frozen gateway would hold calls until they time out).
    /// </summary>
    public async Task<IClusterClient> ClientAsync()
    {
        if (_client is not null && _clientGateways.Any(g => g.HasExited || g.IsFrozen))
        {
            await StopClientAsync();
        }

        if (_client is null)
        {
            _clientGateways = [.. Fronts.Where(front => !front.HasExited && !front.IsFrozen)];
            var gateways = _clientGateways.Select(front => new IPEndPoint(IPAddress.Loopback, front.GatewayPort)).ToArray();
            var host = new HostBuilder()
                .UseOrleansClient(client => client
                    .UseStaticClustering(gateways)
                    .Configure<ClusterOptions>(options =>
                    {
                        options.ClusterId = ClusterId;
                        options.ServiceId = ClusterId;
                    }))
                .Build();
            await host.StartAsync();
            _client = host;
        }

        return _client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Where each activation of a grain type lives, from Orleans' management grain (every active silo reports its own).</summary>
    public async Task<IReadOnlyList<(GrainId Grain, SiloProcess Silo)>> ActivationsAsync(string grainType)
    {
        var management = (await ClientAsync()).GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var silos = Silos;
        return [.. statistics
            .Where(s => s.GrainId.Type.ToString() == grainType)
            .Select(s => (s.GrainId, silos.First(silo => silo.Is(s.SiloAddress))))];
    }

    /// <summary>The silo process that hosts a grain's activation, or null when it is not active anywhere.</summary>
    public async Task<SiloProcess?> HostOfAsync(string grainType, string key) =>
        (await ActivationsAsync(grainType)).Where(a => a.Grain.Key.ToString() == key).Select(a => a.Silo).FirstOrDefault();

    public string LogTails() => string.Join("\n", Silos.Select(s => s.LogTail(15)));

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillEverything;
        await StopClientAsync();
        KillEverything(null, EventArgs.Empty);
        foreach (var silo in Silos)
        {
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _dynamo.Dispose();
        if (!_keepLogs)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A log still open; the temp folder is cleaned by the system.
            }
        }
    }

    private async Task StopClientAsync()
    {
        if (_client is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _client.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Gone with its silos anyway.
        }

        _client.Dispose();
        _client = null;
    }

    private void KillEverything(object? sender, EventArgs e)
    {
        Balancer?.Stop();
        foreach (var silo in Silos)
        {
            silo.Kill();
        }
    }
}
