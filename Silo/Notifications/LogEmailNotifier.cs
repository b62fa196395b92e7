using Chat.Grains.Notifications;

namespace Chat.Silo.Notifications;

/// <summary>
/// The default notifier when no SMTP server is configured (development, tests): writes one structured log line
/// per e-mail instead of sending it. The body is not logged, only its length.
/// </summary>
public sealed partial class LogEmailNotifier(ILogger<LogEmailNotifier> logger) : IEmailNotifier
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        LogEmail(message.To, message.Subject, message.Body.Length);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "sending e-mail to {To} with subject {Subject} ({BodyLength} characters; no SMTP host configured, so it is only logged)")]
    private partial void LogEmail(string to, string subject, int bodyLength);
}
