namespace Chat.Grains.Abstractions.Messages;

/// <summary>
/// A page of history: messages with <c>After &lt; seq &lt; Before</c>, ascending by seq.
/// With <see cref="After"/> the page starts just after it; otherwise it is the newest page below <see cref="Before"/> (or the newest of all).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.message-query")]
public sealed record MessageQuery(
    [property: Id(0)] long? After,
    [property: Id(1)] long? Before,
    [property: Id(2)] int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static MessageQuery Newest(int limit) => new(null, null, limit);
}
