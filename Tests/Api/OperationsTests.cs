using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class OperationsTests(AppFixture app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthyOnceTheSiloIsActive(string path)
    {
        using var client = app.Factory.NewClient();

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesTheRestApi()
    {
        using var client = app.Factory.NewClient();

        var document = await client.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/rooms/{id}/messages", out _));
        Assert.True(paths.TryGetProperty("/api/auth/register", out _));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/me")]
    [InlineData("/api/does-not-exist")]
    public async Task EveryResponse_NamesTheHostAndSiloThatServedIt(string path)
    {
        using var client = app.Factory.NewClient();

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.Headers.TryGetValues("X-Served-By", out var values), $"no X-Served-By on {path} ({response.StatusCode})");
        var servedBy = Assert.Single(values);
        Assert.Matches(@"^.+/127\.0\.0\.1:\d+@\d+$", servedBy);
    }

    [Fact]
    public async Task ErrorResponses_CarryServedByToo()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync("/api/rooms/nowhere-at-all/messages", new { text = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Served-By"));
    }
}
