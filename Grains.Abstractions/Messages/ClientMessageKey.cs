namespace Chat.Grains.Abstractions.Messages;

/// <summary>The idempotency key of a message: its author, client-chosen id and the seq it was stored under.</summary>
[GenerateSerializer, Immutable, Alias("chat.client-message-key")]
public sealed record ClientMessageKey(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Author,
    [property: Id(2)] string ClientMessageId);
