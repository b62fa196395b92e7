using System.Net;
using System.Net.Http.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>Limits on their own front silo, configured low: 3 messages at once, then 1 per second.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Api:MessageBurst"] = "3",
            ["Chat:Api:MessagesPerSecond"] = "1",
            ["Chat:Api:AuthRequestsPerMinute"] = "6",
        });
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Sends_OverTheBurst_AreRefusedWith429_AndRestAndHubShareTheBudget()
    {
        using var user = await _factory.NewClient().RegisterAsync();
        using var other = await _factory.NewClient().RegisterAsync();
        var room = await user.CreateRoomAsync();
        await using var hub = await user.Hub().StartAsync();
        await hub.JoinAsync(room.Id);

        await user.PostAsync(room.Id, "1");
        await user.PostAsync(room.Id, "2");
        await hub.SendAsync(room.Id, "3");
        var rest = await user.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "4" });
        await HubAssert.FailsWithAsync("RateLimited", () => hub.SendAsync(room.Id, "5"));
        var otherUser = await other.PostAsync(room.Id, "another user has its own budget");

        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, otherUser.Seq);
    }

    [Fact]
    public async Task AuthRequests_OverThePerMinuteLimit_AreRefusedWith429()
    {
        using var client = _factory.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "whatever1" });
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
    }
}
