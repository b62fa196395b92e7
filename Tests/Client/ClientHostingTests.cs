using System.Net;
using Chat.Api.Client;

namespace Chat.Tests.Client;

/// <summary>How the front silo serves the browser client: caching, the SPA fallback, CSP and CORS.</summary>
public sealed class ClientHostingTests(ClientAppFixture app) : IClassFixture<ClientAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/r/general")]
    [InlineData("/some/client/route")]
    public async Task ClientRoutes_GetIndexHtml_NeverCached_WithAPolicyForbiddingInlineScript(string path)
    {
        using var client = app.Factory.NewClient();

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ClientAppFixture.IndexHtml, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache, $"index.html at {path} must be revalidated on every load");
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashedAssets_AreCachedForAYear()
    {
        using var client = app.Factory.NewClient();

        var response = await client.Http.GetAsync(new Uri(ClientAppFixture.AssetPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/does-not-exist")]
    [InlineData("/hubs/nothing")]
    [InlineData("/assets/missing-123.js")]
    public async Task ServerPathsAndMissingAssets_Are404_NotThePage(string path)
    {
        using var client = app.Factory.NewClient();

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(ClientAppFixture.IndexHtml, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_AllowsTheConfiguredCdnOrigin_WithCredentials_AndExposesServedBy()
    {
        using var client = app.Factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/me");
        request.Headers.Add("Origin", ClientAppFixture.CdnOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        var preflight = await client.Http.SendAsync(request);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        get.Headers.Add("Origin", ClientAppFixture.CdnOrigin);
        var response = await client.Http.SendAsync(get);

        Assert.Equal(ClientAppFixture.CdnOrigin, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("X-Served-By", Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cors_RefusesAnyOtherOrigin()
    {
        using var client = app.Factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://elsewhere.example.test");

        var response = await client.Http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://d1234.cloudfront.net", true)]
    [InlineData("http://127.0.0.1:5173", true)]
    [InlineData("https://cdn.example.com/", true)]
    [InlineData("https://cdn.example.com/app", false)]
    [InlineData("cdn.example.com", false)]
    [InlineData("ftp://cdn.example.com", false)]
    [InlineData("*", false)]
    public void AllowedOrigins_AcceptOnlySchemeHostAndPort(string origin, bool valid)
    {
        var options = new ClientOptions { AllowedOrigins = [origin] };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(valid, errors.Count == 0);
    }
}
