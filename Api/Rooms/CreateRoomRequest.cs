namespace Chat.Api.Rooms;

/// <summary><c>POST /api/rooms</c> body. Without an id, one is derived from the name.</summary>
public sealed record CreateRoomRequest(string? Id, string? Name, string? Topic, bool? IsPrivate);
