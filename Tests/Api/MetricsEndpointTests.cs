using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chat.Grains.Telemetry;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Api;

public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string AdminName = "metrics-admin";
    private const string AdminPassword = "metrics-password-0123456789";

    private readonly TempDirectory _data = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Dashboard:UserName"] = AdminName,
            ["Chat:Dashboard:Password"] = AdminPassword,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Metrics_ForTheAdministrator_IsPrometheusTextWithTheChatMeters()
    {
        using var user = await _factory.NewClient().RegisterAsync();
        var room = await user.CreateRoomAsync();
        await user.PostAsync(room.Id, "hello metrics");
        var metrics = _factory.Services.GetRequiredService<ChatMetrics>();
        metrics.RecordPosted();
        metrics.RecordCommitBatch(3, TimeSpan.FromMilliseconds(2));
        metrics.ConnectionOpened();

        using var admin = new HttpClient { BaseAddress = _factory.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = Basic(AdminName, AdminPassword);
        var response = await admin.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE chat_messages_posted", text, StringComparison.Ordinal);
        Assert.Contains("chat_commit_batch_size", text, StringComparison.Ordinal);
        Assert.Contains("chat_connections", text, StringComparison.Ordinal);
        Assert.Contains("chat_store_write_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("store=\"sqlite\"", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("metrics-admin:wrong-password-0123456789")]
    public async Task Metrics_WithoutTheAdministratorCredentials_IsRefused(string? credentials)
    {
        using var client = new HttpClient { BaseAddress = _factory.BaseAddress };
        if (credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("chat_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithAUserBearerToken_IsRefused()
    {
        using var user = await _factory.NewClient().RegisterAsync();

        var response = await user.Http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string name, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}")));
}
