using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Benchmarks.Rooms;

/// <summary>
/// One embedded silo in this process, configured by the hosts' own <see cref="ChatSiloExtensions.AddChatSilo"/>: SQLite
/// store in a temporary data directory, silo and gateway on free 127.0.0.1 ports, Development environment (so a
/// private-room key is generated in the data directory). No front silo: the rooms' events find no connection to go to.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private EmbeddedSilo(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the silo; <see cref="RegisterAsync"/> then gives it users to create rooms.</summary>
    public static async Task<EmbeddedSilo> StartAsync(bool analyzeMessages)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chat-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = directory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:DataDirectory"] = Path.Combine(directory, "data"),
            ["Chat:Rooms:AnalyzeMessages"] = analyzeMessages.ToString(CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N"),
            ["Orleans:SiloPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddChatSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedSilo(host, directory);
    }

    /// <summary>Registers a user (at most <c>Chat:Users:MaxRooms</c>, 1,000, rooms each), as the sign-up endpoint does.</summary>
    public async Task RegisterAsync(string userName)
    {
        // The hash is only stored here, never checked: any non-empty string serves.
        if (!await Grains.GetGrain<IUserGrain>(userName).RegisterAsync("not-a-real-hash", userName))
        {
            throw new InvalidOperationException($"User '{userName}' exists already.");
        }
    }

    /// <summary>Creates a public room, which activates its grain.</summary>
    public async Task<IRoomGrain> CreateRoomAsync(string roomId, string owner)
    {
        var room = Grains.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(owner, new RoomSettings(roomId, null, IsPrivate: false));
        return room;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS temp cleaner takes it.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
