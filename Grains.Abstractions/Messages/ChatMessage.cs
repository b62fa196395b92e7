namespace Chat.Grains.Abstractions.Messages;

/// <summary>A stored chat message. <see cref="Seq"/> starts at 1 and grows by 1 per room with no gaps.</summary>
[GenerateSerializer, Immutable, Alias("chat.message")]
public sealed record ChatMessage(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Id,
    [property: Id(3)] string Author,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] string? ClientMessageId);
