using Chat.Grains.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Silo.Notifications;

/// <summary>
/// Sends notifications through an SMTP server with MailKit: one connection per e-mail (connect, STARTTLS when
/// configured, authenticate when a user name is set, send, quit). Notification volume is low and sends happen
/// off the hot path, so no connection is kept open between them. Errors propagate to the caller.
/// </summary>
public sealed partial class SmtpEmailNotifier(
    IOptions<SmtpOptions> options,
    TimeProvider time,
    ILogger<SmtpEmailNotifier> logger) : IEmailNotifier
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var host = string.IsNullOrWhiteSpace(settings.Host) ? throw new InvalidOperationException("Chat:Smtp:Host is not set.") : settings.Host;
        using var mime = BuildMessage(settings, message);
        using var client = new SmtpClient();
        await client.ConnectAsync(
            host,
            settings.Port,
            settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None,
            cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(message.To, host, settings.Port);
    }

    private MimeMessage BuildMessage(SmtpOptions settings, EmailMessage message)
    {
        if (!MailboxAddress.TryParse(message.To, out var to))
        {
            throw new ArgumentException($"'{message.To}' is not an e-mail address.", nameof(message));
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject.ReplaceLineEndings(" "),
            Date = time.GetUtcNow(),
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(MailboxAddress.TryParse(settings.From, out var from)
            ? from
            : throw new InvalidOperationException("Chat:Smtp:From is not a sender address."));
        mime.To.Add(to);
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent e-mail to {To} through {Host}:{Port}")]
    private partial void LogSent(string to, string host, int port);
}
