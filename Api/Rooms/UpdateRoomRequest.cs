namespace Chat.Api.Rooms;

/// <summary><c>PATCH /api/rooms/{id}</c> body; absent fields stay as they are. <c>owner</c> hands the room to another member.</summary>
public sealed record UpdateRoomRequest(string? Name, string? Topic, bool? IsPrivate, string? Owner = null);
