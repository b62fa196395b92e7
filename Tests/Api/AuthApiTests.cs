using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class AuthApiTests(AppFixture app)
{
    private readonly HttpClient _http = app.Factory.NewClient().Http;

    [Fact]
    public async Task Register_WithValidInput_ReturnsLowerCaseNameAndWorkingToken()
    {
        var name = ChatTestClient.UniqueName("Mixed");
        var response = await _http.PostAsJsonAsync("/api/auth/register", new { userName = name, password = "password1", displayName = "Mixed Case" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.Equal(name.ToLowerInvariant(), body.GetProperty("userName").GetString());

        using var client = app.Factory.NewClient();
        client.UseToken(name.ToLowerInvariant(), body.GetProperty("token").GetString()!);
        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json);
        Assert.Equal(name.ToLowerInvariant(), me.GetProperty("userName").GetString());
        Assert.Equal("Mixed Case", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Register_TakenNameInAnotherCase_Returns409()
    {
        var name = ChatTestClient.UniqueName();
        await app.NewUserAsync(name);

        var response = await _http.PostAsJsonAsync("/api/auth/register", new { userName = name.ToUpperInvariant(), password = "password1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("ab", "password1")]
    [InlineData("has space", "password1")]
    [InlineData("bad/char", "password1")]
    [InlineData("waytoolongname_waytoolongname_xyz", "password1")]
    [InlineData("goodname", "short")]
    [InlineData(null, "password1")]
    [InlineData("goodname", null)]
    public async Task Register_WithInvalidInput_Returns400ProblemDetails(string? userName, string? password)
    {
        var response = await _http.PostAsJsonAsync("/api/auth/register", new { userName, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.True(problem.TryGetProperty("errors", out _), "a validation problem names the failing fields");
    }

    [Fact]
    public async Task Register_WithMalformedJson_Returns400ProblemDetails()
    {
        using var content = new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await _http.PostAsync(new Uri("/api/auth/register", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WithRightPassword_ReturnsToken()
    {
        var name = ChatTestClient.UniqueName();
        await app.NewUserAsync(name);

        var response = await _http.PostAsJsonAsync("/api/auth/login", new { userName = name.ToUpperInvariant(), password = "correct horse" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.Equal(name, body.GetProperty("userName").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_GetTheSameAnswer()
    {
        var name = ChatTestClient.UniqueName();
        await app.NewUserAsync(name);

        var wrongPassword = await _http.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "wrong password" });
        var unknownUser = await _http.PostAsJsonAsync("/api/auth/login", new { userName = name + "x", password = "correct horse" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        var b = await unknownUser.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/rooms")]
    public async Task ProtectedEndpoints_WithoutToken_Return401(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedEndpoints_WithForgedToken_Return401()
    {
        using var client = app.Factory.NewClient();
        var user = await app.NewUserAsync();
        var parts = user.Token.Split('.');
        client.UseToken(user.UserName, $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA");

        var response = await client.Http.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
