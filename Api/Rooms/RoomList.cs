using Chat.Grains.Abstractions.Rooms;

namespace Chat.Api.Rooms;

/// <summary><c>GET /api/rooms</c> answer: one page; <see cref="NextCursor"/> (null on the last page) asks for the next.</summary>
public sealed record RoomList(IReadOnlyList<RoomSummary> Rooms, string? NextCursor);
