using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Notifications;

/// <summary>
/// The SMTP server that sends e-mail notifications, bound from <c>Chat:Smtp</c>. SMTP is used only when
/// <see cref="Host"/> is set; otherwise e-mails are only logged. Credentials come from the environment or a
/// secret store (<c>Chat__Smtp__Password</c>), never from a committed file.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Chat:Smtp";

    /// <summary>Host name or address of the SMTP server (submission service). Setting it turns SMTP on.</summary>
    public string? Host { get; set; }

    /// <summary>Port of the server; 587 (submission with STARTTLS) by default. Implicit TLS (port 465) is not supported.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// Require STARTTLS before anything else is sent (default true). Only turn it off for a server on this
    /// machine: credentials over a connection without TLS are refused for any other host.
    /// </summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>User name to authenticate with; leave empty for a server that needs no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>. No default: set it from a secret store.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address, optionally with a display name: <c>Chat &lt;chat@example.com&gt;</c>. Required.</summary>
    public string? From { get; set; }
}
