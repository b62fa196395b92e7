namespace Chat.Api.Me;

/// <summary><c>POST /api/me/notifications/read</c> body: mark up to this id, or all when absent.</summary>
public sealed record MarkNotificationsReadRequest(long? UpTo);
