using Chat.Silo.Notifications;
using Chat.Grains.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Tests.Features;

public sealed class SmtpEmailNotifierTests
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    private static SmtpEmailNotifier Notifier(int port, string? userName = null, string? password = null, bool useStartTls = false) =>
        new(
            Options.Create(new SmtpOptions
            {
                Host = "127.0.0.1",
                Port = port,
                UseStartTls = useStartTls,
                UserName = userName,
                Password = password,
                From = "Chat <chat@example.test>",
            }),
            new FixedTimeProvider(Now),
            NullLogger<SmtpEmailNotifier>.Instance);

    [Fact]
    public async Task SendAsync_ToLoopbackSmtpServer_DeliversRecipientSubjectAndBody()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var email = new EmailMessage("bob@example.test", "You were mentioned in #général", "alice: @bob ¡hola! are you there?");

        await Notifier(server.Port).SendAsync(email, CancellationToken.None);
        var received = await server.NextAsync(ReceiveTimeout);

        Assert.Equal(["bob@example.test"], received.EnvelopeTo);
        Assert.Equal("chat@example.test", received.EnvelopeFrom);
        Assert.Equal("bob@example.test", Assert.Single(received.Message.To.Mailboxes).Address);
        Assert.Equal("Chat", Assert.Single(received.Message.From.Mailboxes).Name);
        Assert.Equal("You were mentioned in #général", received.Message.Subject);
        Assert.Equal("alice: @bob ¡hola! are you there?", received.Message.TextBody?.TrimEnd());
        Assert.Equal(Now, received.Message.Date);
    }

    [Fact]
    public async Task SendAsync_WithCredentials_AuthenticatesAndDelivers()
    {
        await using var server = await LoopbackSmtpServer.StartAsync("chat-sender", "s3cret-for-test");

        await Notifier(server.Port, "chat-sender", "s3cret-for-test").SendAsync(new EmailMessage("carol@example.test", "hi", "body"), CancellationToken.None);
        var received = await server.NextAsync(ReceiveTimeout);

        Assert.Equal(["chat-sender"], server.Logins);
        Assert.Equal(["carol@example.test"], received.EnvelopeTo);
    }

    [Fact]
    public async Task SendAsync_WithWrongPassword_ThrowsAndDeliversNothing()
    {
        await using var server = await LoopbackSmtpServer.StartAsync("chat-sender", "right");

        await Assert.ThrowsAsync<MailKit.Security.AuthenticationException>(
            () => Notifier(server.Port, "chat-sender", "wrong").SendAsync(new EmailMessage("carol@example.test", "hi", "body"), CancellationToken.None));

        Assert.Empty(server.Logins);
        Assert.False(server.TryTake(out _));
    }

    [Fact]
    public async Task SendAsync_WithStartTlsRequiredButNotOffered_RefusesToSendInClear()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();

        await Assert.ThrowsAsync<NotSupportedException>(
            () => Notifier(server.Port, useStartTls: true).SendAsync(new EmailMessage("bob@example.test", "hi", "body"), CancellationToken.None));

        Assert.False(server.TryTake(out _));
    }

    [Fact]
    public async Task SendAsync_WithLineBreakInSubject_CannotInjectHeaders()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();

        await Notifier(server.Port).SendAsync(
            new EmailMessage("bob@example.test", "hello\r\nBcc: mallory@example.test", "body"), CancellationToken.None);
        var received = await server.NextAsync(ReceiveTimeout);

        Assert.Equal(["bob@example.test"], received.EnvelopeTo);
        Assert.Empty(received.Message.Bcc);
        Assert.Null(received.Message.Headers[HeaderId.Bcc]);
        Assert.Equal("hello Bcc: mallory@example.test", received.Message.Subject);
    }

    [Fact]
    public async Task SendAsync_WithInvalidRecipient_ThrowsBeforeConnecting()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Notifier(server.Port).SendAsync(new EmailMessage("not an address", "hi", "body"), CancellationToken.None));

        Assert.Contains("not an address", error.Message, StringComparison.Ordinal);
        Assert.False(server.TryTake(out _));
    }

    [Fact]
    public async Task AddEmailNotifier_WithSmtpHostConfigured_SendsThroughThatServer()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Chat:Smtp:Host"] = "127.0.0.1",
                ["Chat:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Chat:Smtp:UseStartTls"] = "false",
                ["Chat:Smtp:From"] = "chat@example.test",
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddEmailNotifier(configuration)
            .BuildServiceProvider();

        var notifier = services.GetRequiredService<IEmailNotifier>();
        await notifier.SendAsync(new EmailMessage("dave@example.test", "configured", "through DI"), CancellationToken.None);
        var received = await server.NextAsync(ReceiveTimeout);

        Assert.IsType<SmtpEmailNotifier>(notifier);
        Assert.Equal(["dave@example.test"], received.EnvelopeTo);
        Assert.Equal("configured", received.Message.Subject);
    }
}
