namespace Chat.PlainSignalR;

/// <summary>A chat message with the fields the real server sends (id, room, seq, author, text, time, the client's id).</summary>
public sealed record PlainMessage(string RoomId, long Seq, string Id, string Author, string Text, DateTimeOffset SentAt, string? ClientMessageId);
