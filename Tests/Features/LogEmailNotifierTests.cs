using Chat.Silo.Notifications;
using Chat.Grains.Notifications;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Features;

public sealed class LogEmailNotifierTests
{
    [Fact]
    public async Task SendAsync_WritesOneStructuredLineWithoutTheBody()
    {
        using var provider = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(provider));
        var notifier = new LogEmailNotifier(factory.CreateLogger<LogEmailNotifier>());

        await notifier.SendAsync(new EmailMessage("bob@example.test", "You were mentioned", "the private body text"), CancellationToken.None);

        var entry = Assert.Single(provider.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("sending e-mail to bob@example.test", entry.Message, StringComparison.Ordinal);
        Assert.Equal("bob@example.test", entry.State["To"]);
        Assert.Equal("You were mentioned", entry.State["Subject"]);
        Assert.DoesNotContain("private body", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenCancelled_ThrowsAndLogsNothing()
    {
        using var provider = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(provider));
        var notifier = new LogEmailNotifier(factory.CreateLogger<LogEmailNotifier>());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => notifier.SendAsync(new EmailMessage("bob@example.test", "s", "b"), cancelled.Token));
        Assert.Empty(provider.Entries);
    }
}
