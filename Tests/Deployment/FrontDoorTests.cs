using System.Net;
using Chat.Api.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Deployment;

/// <summary>
/// The front door (<see cref="FrontDoorExtensions"/>) on a real Kestrel on 127.0.0.1: forwarded scheme and address are
/// believed only from a known proxy or network, the header naming the client can be CloudFront's, and HTTPS responses
/// carry HSTS outside Development.
/// </summary>
public sealed class FrontDoorTests
{
    private const string Host = "chat.example.test";

    [Fact]
    public async Task FromAKnownProxy_TheForwardedSchemeAndClientAddress_AreBelieved_AndHttpsGetsHsts()
    {
        await using var app = await StartAsync(("Chat:ForwardedHeaders:KnownProxies:0", "127.0.0.1"));

        using var response = await SendAsync(app, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("https 203.0.113.7", await response.Content.ReadAsStringAsync());
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromAnUnknownAddress_ForwardedHeadersAreIgnored_AndPlainHttpGetsNoHsts()
    {
        await using var app = await StartAsync(("Chat:ForwardedHeaders:KnownNetworks:0", "10.40.0.0/16"));

        using var response = await SendAsync(app, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("http 127.0.0.1", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task WithNothingConfigured_NoProxyIsTrusted_NotEvenLoopback()
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("http 127.0.0.1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BehindCloudFront_TheViewerAddressHeader_NamesTheClient()
    {
        await using var app = await StartAsync(
            ("Chat:ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"),
            ("Chat:ForwardedHeaders:ForwardedForHeaderName", "CloudFront-Viewer-Address"));

        using var response = await SendAsync(app, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.1"), ("CloudFront-Viewer-Address", "203.0.113.9:46532"));

        Assert.Equal("https 203.0.113.9", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AKnownNetworkThatIsNotACidr_StopsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(("Chat:ForwardedHeaders:KnownNetworks:0", "10.40.0.0/33")));

        Assert.Contains("KnownNetworks", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(WebApplication app, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Host = Host;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static async Task<WebApplication> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddChatFrontDoor();
        var app = builder.Build();
        app.UseChatFrontDoor();
        app.MapGet("/echo", (HttpContext context) => $"{context.Request.Scheme} {context.Connection.RemoteIpAddress}");
        await app.StartAsync();
        return app;
    }
}
