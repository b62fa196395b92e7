namespace Chat.Api.Rooms;

/// <summary><c>POST /api/rooms/{id}/messages</c> body.</summary>
public sealed record PostMessageRequest(string? Text, string? ClientMessageId);
