namespace Chat.LoadTest.Client;

/// <summary>
/// The fields of a <c>MessageReceived</c> event the tool reads. The text and the other fields are skipped by the JSON
/// reader instead of being turned into strings: this runs once per delivery, the tool's hottest path.
/// </summary>
public sealed record DeliveredMessage(string RoomId, long Seq, string Author, string? ClientMessageId);
