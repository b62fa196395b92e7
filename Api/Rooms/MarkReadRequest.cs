namespace Chat.Api.Rooms;

/// <summary><c>POST /api/rooms/{id}/read</c> body: the last seq the caller has seen.</summary>
public sealed record MarkReadRequest(long? Seq);
