using MimeKit;

namespace Chat.Tests.Features;

/// <summary>What the loopback SMTP server received: the envelope and the parsed message.</summary>
internal sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);
