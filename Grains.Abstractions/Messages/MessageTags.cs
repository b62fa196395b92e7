namespace Chat.Grains.Abstractions.Messages;

/// <summary>
/// What analysis found in a message: its sentiment (<see cref="Positive"/>, <see cref="Neutral"/> or
/// <see cref="Negative"/>, with a score in [-1, 1]) and whether it contains profanity, with the ranges of the
/// original text to mask.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.message-tags")]
public sealed record MessageTags(
    [property: Id(0)] string Sentiment,
    [property: Id(1)] double SentimentScore,
    [property: Id(2)] bool Profane,
    [property: Id(3)] IReadOnlyList<TextRange> ProfaneRanges)
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
}
