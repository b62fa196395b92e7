namespace Chat.Grains.Notifications;

/// <summary>A plain-text e-mail to one recipient.</summary>
/// <param name="To">The recipient's address, e.g. <c>bob@example.com</c>.</param>
/// <param name="Subject">One line; line breaks are replaced by spaces when sent.</param>
/// <param name="Body">Plain text.</param>
public sealed record EmailMessage(string To, string Subject, string Body);
