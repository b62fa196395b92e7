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

    /// <summary>
    /// Whether analysis found anything a reader would see: a sentiment other than neutral, or profanity. Tags without
    /// findings are neither stored nor sent (<c>null</c> tags mean "nothing to show"), so most messages cost one store
    /// write and one push, not two. A method, not a property, so that it stays off the wire.
    /// </summary>
    public bool HasFindings() => Sentiment != Neutral || Profane;

    /// <summary>Value equality, ranges included (a record alone would compare the list by reference).</summary>
    public bool Equals(MessageTags? other) =>
        other is not null
        && Sentiment == other.Sentiment
        && SentimentScore.Equals(other.SentimentScore)
        && Profane == other.Profane
        && ProfaneRanges.SequenceEqual(other.ProfaneRanges);

    public override int GetHashCode() => HashCode.Combine(Sentiment, SentimentScore, Profane, ProfaneRanges.Count);
}
