using Chat.Grains.Abstractions.Users;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Features;
using Chat.Tests.Infrastructure;
using System.Net.Http.Json;

namespace Chat.Tests.Api;

/// <summary>A front silo configured with a real SMTP server on loopback: offline users are e-mailed. Its log is kept (from Debug up).</summary>
public sealed class MentionEmailTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly CollectingLoggerProvider _logs = new();
    private LoopbackSmtpServer _smtp = null!;
    private ChatAppFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await LoopbackSmtpServer.StartAsync();
        _factory = new ChatAppFactory(
            _data.Path,
            new Dictionary<string, string?>
            {
                ["Chat:Smtp:Host"] = "127.0.0.1",
                ["Chat:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Chat:Smtp:UseStartTls"] = "false",
                ["Chat:Smtp:From"] = "Chat <chat@chat.test>",
                ["Chat:Notifications:PublicUrl"] = "https://chat.test/",
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:Console:LogLevel:Default"] = "Warning",
            },
            _logs);
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
        using var bob = await RegisterWithEmailAsync("bob");
        using var carol = await RegisterWithEmailAsync("carol");
        await using var carolHub = await carol.Hub().StartAsync();
        var room = await alice.CreateRoomAsync();

        // Mentions are delivered in the order they appear: carol (online) is done before bob's e-mail goes out.
        await alice.PostAsync(room.Id, $"@{carol.UserName} and @{bob.UserName}: lunch?");

        var email = await _smtp.NextAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([$"{bob.UserName}@mail.test"], email.EnvelopeTo);
        Assert.Contains(alice.UserName, email.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("lunch?", email.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://chat.test/rooms/{room.Id}", email.Message.TextBody, StringComparison.Ordinal);
        await carolHub.WaitForEventAsync("NotificationReceived");
        Assert.False(_smtp.TryTake(out _), "the online user must not be e-mailed");
    }

    [Fact]
    public async Task PrivateMention_OfAnOfflineMember_KeepsTheTextOutOfTheStoreTheEmailAndTheLog()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        using var bob = await RegisterWithEmailAsync("bob");
        var room = await alice.CreateRoomAsync(isPrivate: true);
        await alice.AddMemberAsync(room.Id, bob.UserName);
        var secret = $"vault-{Guid.NewGuid():N}";

        await alice.PostAsync(room.Id, $"@{bob.UserName} the code is {secret}");

        var email = await _smtp.NextAsync(TimeSpan.FromSeconds(15));
        // The notifier logs once the SMTP session has ended, after the server already holds the message.
        await _logs.WaitForAsync(e => e.Message.Contains($"Sent e-mail to {bob.UserName}@mail.test", StringComparison.Ordinal), TimeSpan.FromSeconds(15), "for the e-mail sent");
        var inbox = await bob.Http.GetFromJsonAsync<NotificationPage>(new Uri("/api/me/notifications", UriKind.Relative), ChatTestClient.Json);
        Assert.Equal($"@{bob.UserName} the code is {secret}", Assert.Single(inbox!.Notifications).Excerpt);
        Assert.DoesNotContain(secret, email.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, email.Message.Subject, StringComparison.Ordinal);
        Assert.Contains(alice.UserName, email.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://chat.test/rooms/{room.Id}", email.Message.TextBody, StringComparison.Ordinal);
        Assert.False(RawStore.Contains(_data.Path, secret), "a private room's text must not be anywhere in the store's files (message log or inbox)");
        Assert.False(RawStore.Contains(_data.Path, secret[..12]), "no part of a private room's text may be in the store's files");
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains(secret[..12], StringComparison.Ordinal) || (e.Exception?.Contains(secret[..12], StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task Mentions_OfAnOfflineUser_AreEmailedAtMostOncePerInterval()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        using var bob = await RegisterWithEmailAsync("bob");
        var room = await alice.CreateRoomAsync();

        for (var i = 0; i < 5; i++)
        {
            await alice.PostAsync(room.Id, $"@{bob.UserName} ping {i}");
        }

        var first = await _smtp.NextAsync(TimeSpan.FromSeconds(15));
        await Poll.UntilAsync(
            () => _logs.Entries.Count(e => e.Message.Contains($"{bob.UserName} was e-mailed recently", StringComparison.Ordinal)) == 4,
            TimeSpan.FromSeconds(15),
            "the other four mentions held back");
        var inbox = await bob.Http.GetFromJsonAsync<NotificationPage>(new Uri("/api/me/notifications", UriKind.Relative), ChatTestClient.Json);

        Assert.Contains("ping", first.Message.TextBody, StringComparison.Ordinal);
        Assert.False(_smtp.TryTake(out _), "one e-mail per interval");
        Assert.Equal(5, inbox!.Notifications.Count);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("victim@mail.test, another@mail.test")]
    [InlineData("victim@mail.test another@mail.test")]
    [InlineData("Victim <victim@mail.test>")]
    public async Task Register_WithAnythingButOneBareAddress_Returns400(string email)
    {
        using var client = _factory.NewClient();

        var response = await client.Http.PostAsJsonAsync("/api/auth/register", new { userName = ChatTestClient.UniqueName(), password = "correct horse", email });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<ChatTestClient> RegisterWithEmailAsync(string prefix)
    {
        var client = _factory.NewClient();
        var userName = ChatTestClient.UniqueName(prefix);
        var response = await client.Http.PostAsJsonAsync("/api/auth/register", new { userName, password = "correct horse", email = $"{userName}@mail.test" });
        await ChatTestClient.EnsureStatusAsync(response, System.Net.HttpStatusCode.Created);
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ChatTestClient.Json)).GetProperty("token").GetString()!;
        client.UseToken(userName, token);
        return client;
    }
}
