using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Silo.Notifications;

/// <summary>Checks what data annotations cannot: a parseable sender, complete credentials, no password in clear text.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Chat:Smtp:Host is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add("Chat:Smtp:From must be a sender address, e.g. 'Chat <chat@example.com>'.");
        }

        var hasUser = !string.IsNullOrEmpty(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            failures.Add("Chat:Smtp:UserName and Chat:Smtp:Password must be set together (set the password from a secret store, e.g. Chat__Smtp__Password).");
        }

        if (hasPassword && !options.UseStartTls && !IsLoopback(options.Host))
        {
            failures.Add("Chat:Smtp:UseStartTls is false, so the password would cross the network in clear text: turn STARTTLS on (only a server on this machine may go without it).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
