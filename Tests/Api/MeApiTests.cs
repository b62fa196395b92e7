using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class MeApiTests(AppFixture app)
{
    [Theory]
    [InlineData(0)]
    [InlineData(ChatLimits.MaxNotificationPageSize + 1)]
    public async Task Notifications_WithLimitOutOfRange_Returns400NamingTheLimit(int limit)
    {
        using var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync(new Uri($"/api/me/notifications?limit={limit}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), $"No error for 'limit' in {problem}.");
    }

    [Fact]
    public async Task Notifications_WithTheLargestLimit_Answers()
    {
        using var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync(new Uri($"/api/me/notifications?limit={ChatLimits.MaxNotificationPageSize}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
