namespace Chat.Api.Rooms;

/// <summary><c>PATCH /api/rooms/{id}/messages/{seq}</c> body.</summary>
public sealed record EditMessageRequest(string? Text);
