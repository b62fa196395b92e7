using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Api;

/// <summary>A token is only as good as the user it names: one without a subject, or for no such user, is 401 everywhere.</summary>
[Collection(AppCollection.Name)]
public sealed class TokenTests(AppFixture app)
{
    [Fact]
    public async Task Token_WithoutASubject_IsRefusedWith401_ByRestAndTheHub()
    {
        await AssertRefusedEverywhereAsync(TestTokens.Mint(subject: null));
    }

    [Fact]
    public async Task Token_ForAUserThatDoesNotExist_IsRefusedWith401_ByRestAndTheHub()
    {
        await AssertRefusedEverywhereAsync(TestTokens.Mint(ChatTestClient.UniqueName("ghost")));
    }

    [Fact]
    public async Task MintedToken_ForARegisteredUser_IsAccepted()
    {
        using var registered = await app.NewUserAsync();
        using var client = app.Factory.NewClient();
        client.UseToken(registered.UserName, TestTokens.Mint(registered.UserName));

        var me = await client.Http.GetAsync(new Uri("/api/me", UriKind.Relative));
        await using var hub = await client.Hub().StartAsync();

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task AcceptedToken_LeavesAPrincipalWithTheUserNameAlone_AndNoCopyOfTheToken()
    {
        using var registered = await app.NewUserAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = $"Bearer {TestTokens.Mint(registered.UserName)}";

        var result = await context.AuthenticateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([("sub", registered.UserName)], result.Principal.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(registered.UserName, result.Principal.Identity?.Name);
        Assert.True(result.Principal.Identity?.IsAuthenticated);
        Assert.Null(result.Properties.GetTokenValue("access_token"));
    }

    private async Task AssertRefusedEverywhereAsync(string token)
    {
        using var client = app.Factory.NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await client.Http.GetAsync(new Uri("/api/me", UriKind.Relative));
        var create = await client.Http.PostAsJsonAsync("/api/rooms", new { name = "ghost town" });
        await using var hub = new HubClient(new Uri(app.Factory.BaseAddress, "/hubs/chat"), token);
        var connect = await Assert.ThrowsAnyAsync<Exception>(hub.StartAsync);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Contains("401", connect.Message, StringComparison.Ordinal);
    }
}
