namespace Chat.LoadTest.Client;

/// <summary>A stored message as the REST API and the hub send it.</summary>
public sealed record WireMessage(
    string RoomId,
    long Seq,
    string Id,
    string Author,
    string Text,
    DateTimeOffset SentAt,
    string? ClientMessageId);
