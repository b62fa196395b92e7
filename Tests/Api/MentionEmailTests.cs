using Chat.Tests.Features;
using Chat.Tests.Infrastructure;
using System.Net.Http.Json;

namespace Chat.Tests.Api;

/// <summary>A front silo configured with a real SMTP server on loopback: offline users are e-mailed.</summary>
public sealed class MentionEmailTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private LoopbackSmtpServer _smtp = null!;
    private ChatAppFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await LoopbackSmtpServer.StartAsync();
        _factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Smtp:Host"] = "127.0.0.1",
            ["Chat:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:Smtp:UseStartTls"] = "false",
            ["Chat:Smtp:From"] = "Chat <chat@chat.test>",
        });
        _ = _factory.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Mention_OfAnOfflineUserWithAnAddress_SendsAnEmail_AndOnlineUsersGetNone()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        using var bob = _factory.NewClient();
        var bobName = ChatTestClient.UniqueName("bob");
        var register = await bob.Http.PostAsJsonAsync("/api/auth/register", new { userName = bobName, password = "correct horse", email = $"{bobName}@mail.test" });
        register.EnsureSuccessStatusCode();
        using var carol = _factory.NewClient();
        var carolName = ChatTestClient.UniqueName("carol");
        var carolRegister = await carol.Http.PostAsJsonAsync("/api/auth/register", new { userName = carolName, password = "correct horse", email = $"{carolName}@mail.test" });
        var carolToken = (await carolRegister.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ChatTestClient.Json)).GetProperty("token").GetString()!;
        carol.UseToken(carolName, carolToken);
        await using var carolHub = await carol.Hub().StartAsync();
        var room = await alice.CreateRoomAsync();

        // Mentions are delivered in the order they appear: carol (online) is done before bob's e-mail goes out.
        await alice.PostAsync(room.Id, $"@{carolName} and @{bobName}: lunch?");

        var email = await _smtp.NextAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([$"{bobName}@mail.test"], email.EnvelopeTo);
        Assert.Contains(alice.UserName, email.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("lunch?", email.Message.TextBody, StringComparison.Ordinal);
        await carolHub.WaitForEventAsync("NotificationReceived");
        Assert.False(_smtp.TryTake(out _), "the online user must not be e-mailed");
    }

    [Fact]
    public async Task Register_WithAnInvalidEmail_Returns400()
    {
        using var client = _factory.NewClient();

        var response = await client.Http.PostAsJsonAsync("/api/auth/register", new { userName = ChatTestClient.UniqueName(), password = "correct horse", email = "not an address" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
