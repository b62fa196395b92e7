namespace Chat.Grains.Notifications;

/// <summary>
/// Sends e-mail notifications (a mention while the user is offline, say). The host picks the implementation:
/// SMTP when one is configured, otherwise one that only logs. Failures surface as exceptions so the caller can
/// retry or give up; implementations do not swallow them.
/// </summary>
public interface IEmailNotifier
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
