namespace Chat.Api.Me;

/// <summary><c>GET /api/me</c>: the caller's profile, rooms with unread and mention counts, and unread notifications.</summary>
public sealed record MeResponse(
    string UserName,
    string DisplayName,
    string? Email,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MyRoom> Rooms);
