using System.Collections.Concurrent;
using Chat.Silo.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chat.Tests.Deployment;

/// <summary>
/// A stand-in for the EC2 instance metadata service on 127.0.0.1 with a random port that, like IMDSv2 with
/// <c>HttpTokens: required</c>, answers metadata only with a session token from <c>PUT /latest/api/token</c> (401
/// otherwise). It serves the paths it is given and records what it was asked.
/// </summary>
public sealed class FakeInstanceMetadataService : IAsyncDisposable
{
    private const string Token = "fake-session-token";
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, string> _metadata;

    private FakeInstanceMetadataService(WebApplication app, IReadOnlyDictionary<string, string> metadata)
    {
        _app = app;
        _metadata = metadata;
    }

    public required Uri Endpoint { get; init; }

    /// <summary>Every request as "METHOD path status".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeInstanceMetadataService> StartAsync(IReadOnlyDictionary<string, string> metadata)
    {
        FakeInstanceMetadataService? fake = null;
        var (app, endpoint) = await LoopbackServer.StartAsync(context => fake!.HandleAsync(context));
        fake = new FakeInstanceMetadataService(app, metadata) { Endpoint = endpoint };
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (method, path) = (context.Request.Method, context.Request.Path.Value ?? "");
        int status;
        string body = "";
        if (method == "PUT" && path == InstanceMetadataClient.TokenPath && context.Request.Headers.ContainsKey(InstanceMetadataClient.TokenTtlHeader))
        {
            (status, body) = (200, Token);
        }
        else if (method == "GET" && context.Request.Headers[InstanceMetadataClient.TokenHeader] != Token)
        {
            status = 401;
        }
        else if (method == "GET" && path.StartsWith("/latest/meta-data/", StringComparison.Ordinal)
            && _metadata.TryGetValue(path["/latest/meta-data/".Length..], out var value))
        {
            (status, body) = (200, value);
        }
        else
        {
            status = 404;
        }

        Requests.Enqueue($"{method} {path} {status}");
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
