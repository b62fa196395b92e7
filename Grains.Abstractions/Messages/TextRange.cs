namespace Chat.Grains.Abstractions.Messages;

/// <summary>
/// A span of a message's original text, in UTF-16 code units (the indexing of .NET and JavaScript strings), so a
/// client can mask it while the stored text stays unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.text-range")]
public sealed record TextRange(
    [property: Id(0)] int Start,
    [property: Id(1)] int Length);
