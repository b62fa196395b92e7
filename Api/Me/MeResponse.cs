using Chat.Grains.Abstractions.Rooms;

namespace Chat.Api.Me;

/// <summary><c>GET /api/me</c>: the caller's profile and rooms.</summary>
public sealed record MeResponse(string UserName, string DisplayName, DateTimeOffset CreatedAt, IReadOnlyList<RoomSummary> Rooms);
