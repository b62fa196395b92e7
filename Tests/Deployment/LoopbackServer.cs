using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Deployment;

/// <summary>A Kestrel on 127.0.0.1 with a random port that answers every request (WebSocket upgrades included) with one handler: the fakes' host.</summary>
public static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri Endpoint)> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(handler);
        await app.StartAsync();
        return (app, new Uri(app.Urls.First()));
    }
}
