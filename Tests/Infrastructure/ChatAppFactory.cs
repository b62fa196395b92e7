using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The real front silo (Orleans + ASP.NET Core) on Kestrel at 127.0.0.1 with random ports, over a data
/// directory the test chooses (so a second factory over the same directory is a restart).
/// </summary>
public sealed class ChatAppFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly ILoggerProvider? _logs;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="logs">Receives every log entry as well, when given (for tests that read the log).</param>
    /// <param name="services">Registers test doubles after the app's own registrations, when given.</param>
    public ChatAppFactory(string dataDirectory, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = dataDirectory;
        _logs = logs;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Chat:DataDirectory"] = dataDirectory,
            ["Chat:Jwt:SigningKey"] = SigningKey,
            ["Chat:Encryption:Keys:test-1"] = TestKeys.EncryptionKey,
            ["Chat:Encryption:CurrentKeyId"] = "test-1",
            ["Chat:Api:AuthRequestsPerMinute"] = "100000",
            ["Chat:Api:MessageBurst"] = "100000",
            ["Chat:Api:MessagesPerSecond"] = "100000",
            ["Chat:Api:RoomCreationsPerMinute"] = "100000",
            ["Chat:Api:MemberAdditionsPerMinute"] = "100000",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // A null value removes a default setting (to test what happens without it).
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                _settings.Remove(key);
            }
            else
            {
                _settings[key] = value;
            }
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>The server's base address (starts the server on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address);
        }
    }

    public ChatTestClient NewClient() => new(BaseAddress);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (_logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
