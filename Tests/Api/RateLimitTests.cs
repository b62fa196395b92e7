using System.Net;
using System.Net.Http.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>Limits on their own front silo, configured low: 3 messages at once, then 1 per second; 2 rooms and 2 member additions a minute.</summary>
public sealed class RateLimitTests() : OwnAppTests(new Dictionary<string, string?>
{
    ["Chat:Api:MessageBurst"] = "3",
    ["Chat:Api:MessagesPerSecond"] = "1",
    ["Chat:Api:AuthRequestsPerMinute"] = "6",
    ["Chat:Api:RoomCreationsPerMinute"] = "2",
    ["Chat:Api:MemberAdditionsPerMinute"] = "2",
})
{
    [Fact]
    public async Task Sends_OverTheBurst_AreRefusedWith429_AndRestAndHubShareTheBudget()
    {
        using var user = await Factory.NewClient().RegisterAsync();
        using var other = await Factory.NewClient().RegisterAsync();
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
    public async Task RoomCreations_AndMemberAdditions_OverTheirPerUserLimits_AreRefusedWith429()
    {
        using var alice = await Factory.NewClient().RegisterAsync();
        using var bob = await Factory.NewClient().RegisterAsync();
        var first = await alice.CreateRoomAsync();
        await alice.CreateRoomAsync();
        var third = await alice.Http.PostAsJsonAsync("/api/rooms", new { name = "third" });
        var bobsOwn = await bob.CreateRoomAsync();
        var members = new[] { bob, await Factory.NewClient().RegisterAsync(), await Factory.NewClient().RegisterAsync() };
        var additions = new List<HttpStatusCode>();
        foreach (var member in members)
        {
            var response = await alice.Http.PutAsync(new Uri($"/api/rooms/{first.Id}/members/{member.UserName}", UriKind.Relative), null);
            additions.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bob.UserName, bobsOwn.Owner);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], additions);
    }

    [Fact]
    public async Task AuthRequests_OverThePerMinuteLimit_AreRefusedWith429()
    {
        using var client = Factory.NewClient();
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
