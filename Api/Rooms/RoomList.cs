using Chat.Grains.Abstractions.Rooms;

namespace Chat.Api.Rooms;

/// <summary><c>GET /api/rooms</c> answer.</summary>
public sealed record RoomList(IReadOnlyList<RoomSummary> Rooms);
