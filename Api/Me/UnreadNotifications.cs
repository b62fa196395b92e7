namespace Chat.Api.Me;

/// <summary>How many notifications are still unread.</summary>
public sealed record UnreadNotifications(int Unread);
