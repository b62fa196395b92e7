using System.Collections.Frozen;
using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Analysis;

/// <summary>
/// The built-in analyzer: English and Spanish word lists, no network. Thread-safe; one instance serves a silo.
/// </summary>
/// <remarks>
/// <para>
/// Sentiment: each word found in the valence lexicon adds its valence (-3..3); a negation word (<c>not</c>,
/// <c>never</c>, <c>…n't</c>, <c>no</c>, <c>nunca</c>, <c>sin</c>, …) flips and damps the next
/// <see cref="NegationReach"/> words of its clause, so "not good" is negative and "not bad" mildly positive. The
/// sum <c>s</c> becomes a score <c>s / sqrt(s² + 15)</c> in (-1, 1); from ±<see cref="NeutralBand"/> on it is
/// positive or negative.
/// </para>
/// <para>
/// Profanity: whole words only (so "class" or "assistant" never match "ass"), case-insensitive, with leetspeak
/// read as letters (0→o, 1→i, 3→e, 4→a, @→a, $→s) and simple endings removed (-s, -es, -ing, -in, -ed, -er,
/// -ers, -y, -'s, with a doubled last consonant: "shitty"). At most <see cref="MaxProfaneRanges"/> ranges are
/// reported; <see cref="MessageTags.Profane"/> is set whenever there is one.
/// </para>
/// </remarks>
public sealed class LexiconMessageAnalyzer : IMessageAnalyzer
{
    /// <summary>How many words after a negation it reaches (within its clause).</summary>
    public const int NegationReach = 3;

    /// <summary>Scores strictly between -NeutralBand and NeutralBand are neutral.</summary>
    public const double NeutralBand = 0.05;

    /// <summary>Most profane ranges reported for one message.</summary>
    public const int MaxProfaneRanges = 64;

    private const double NegationFactor = -0.75;
    private const double Normalization = 15;

    private static readonly string[] Endings = ["'s", "ing", "ers", "es", "in", "ed", "er", "s", "y"];

    private static readonly FrozenSet<string> Negations = new[]
    {
        "not", "no", "never", "nor", "neither", "without", "cannot", "nothing", "nobody", "none",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "wont", "wouldnt", "shouldnt", "couldnt", "aint",
        "nunca", "jamas", "tampoco", "ni", "sin", "nada", "nadie", "ningun", "ninguno", "ninguna",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly AnalysisLexicon _lexicon;

    public LexiconMessageAnalyzer()
        : this(AnalysisLexicon.Default)
    {
    }

    internal LexiconMessageAnalyzer(AnalysisLexicon lexicon) => _lexicon = lexicon;

    public Task<MessageTags> AnalyzeAsync(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Analyze(text));
    }

    /// <summary>The same as <see cref="AnalyzeAsync"/>, synchronously (the work is CPU-only and linear in the text).</summary>
    public MessageTags Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = WordTokenizer.Tokenize(text);
        var sum = 0.0;
        var negatedWordsLeft = 0;
        var ranges = new List<TextRange>();
        foreach (var token in tokens)
        {
            if (token.AfterClauseBreak)
            {
                negatedWordsLeft = 0;
            }

            var raw = text.AsSpan(token.Start, token.Length);
            var word = AnalysisLexicon.Fold(raw);
            if (ranges.Count < MaxProfaneRanges && FindProfanity(raw, word) is { } range)
            {
                ranges.Add(new TextRange(token.Start + range.Start, range.Length));
            }

            if (IsNegation(word))
            {
                negatedWordsLeft = NegationReach;
                continue;
            }

            if (_lexicon.Valence.TryGetValue(word, out var valence))
            {
                sum += negatedWordsLeft > 0 ? valence * NegationFactor : valence;
            }

            if (negatedWordsLeft > 0)
            {
                negatedWordsLeft--;
            }
        }

        var score = sum == 0 ? 0 : Math.Round(sum / Math.Sqrt((sum * sum) + Normalization), 4);
        var label = score >= NeutralBand ? MessageTags.Positive : score <= -NeutralBand ? MessageTags.Negative : MessageTags.Neutral;
        return new MessageTags(label, score, ranges.Count > 0, ranges);
    }

    private static bool IsNegation(string word) =>
        Negations.Contains(word) || (word.Length > 3 && word.EndsWith("n't", StringComparison.Ordinal));

    /// <summary>The part of the word that is profane (relative to the word), or null.</summary>
    private TextRange? FindProfanity(ReadOnlySpan<char> raw, string folded)
    {
        if (IsProfane(Unleet(folded)))
        {
            return new TextRange(0, raw.Length);
        }

        // "@word" is usually a mention of a word, not leetspeak for "aword".
        if (folded.Length > 1 && folded[0] == '@' && IsProfane(Unleet(folded[1..])))
        {
            return new TextRange(1, raw.Length - 1);
        }

        return null;
    }

    private bool IsProfane(string word)
    {
        var profanity = _lexicon.Profanity;
        if (profanity.Contains(word))
        {
            return true;
        }

        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length < 3 || !word.EndsWith(ending, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = word[..^ending.Length];
            if (profanity.Contains(stem) || (stem[^1] == stem[^2] && profanity.Contains(stem[..^1])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Unleet(string word) => string.Create(word.Length, word, static (chars, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            chars[i] = source[i] switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '@' => 'a',
                '$' => 's',
                var c => c,
            };
        }
    });
}
