using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Chat.Grains.Analysis;

/// <summary>
/// The word lists of <see cref="LexiconMessageAnalyzer"/>: profanity and valence, English and Spanish. They ship
/// as embedded text files (<c>Analysis/Lexicons/*.txt</c>) and are read once per process.
/// </summary>
internal sealed class AnalysisLexicon
{
    private const string ResourcePrefix = "Chat.Grains.Analysis.Lexicons.";
    private static readonly Lazy<AnalysisLexicon> LazyDefault = new(Load);

    public AnalysisLexicon(IEnumerable<string> profanity, IEnumerable<KeyValuePair<string, double>> valence)
    {
        Profanity = profanity.Select(Fold).ToFrozenSet(StringComparer.Ordinal);
        Valence = valence.ToFrozenDictionary(pair => Fold(pair.Key), pair => pair.Value, StringComparer.Ordinal);
    }

    public static AnalysisLexicon Default => LazyDefault.Value;

    /// <summary>Profane base words, folded (see <see cref="Fold(string)"/>).</summary>
    public FrozenSet<string> Profanity { get; }

    /// <summary>Valence of words, folded, from -3 to 3.</summary>
    public FrozenDictionary<string, double> Valence { get; }

    /// <summary>Lower-cases a word, drops the accents of vowels (á→a, ü→u; ñ stays) and unifies apostrophes.</summary>
    public static string Fold(string word) => Fold(word.AsSpan());

    public static string Fold(ReadOnlySpan<char> word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            builder.Append(char.ToLowerInvariant(c) switch
            {
                'á' or 'à' or 'â' or 'ä' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'ó' or 'ò' or 'ô' or 'ö' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                '\u2019' => '\'',
                var lower => lower,
            });
        }

        return builder.ToString();
    }

    private static AnalysisLexicon Load()
    {
        var profanity = ReadLines("profanity-en.txt").Concat(ReadLines("profanity-es.txt")).ToList();
        var valence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in ReadLines("sentiment-en.txt").Concat(ReadLines("sentiment-es.txt")))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < -3 or > 3)
            {
                throw new InvalidDataException($"Bad sentiment lexicon line '{line}': expected a word and a valence from -3 to 3.");
            }

            valence[parts[0]] = value;
        }

        return new AnalysisLexicon(profanity, valence);
    }

    private static IEnumerable<string> ReadLines(string fileName)
    {
        var name = ResourcePrefix + fileName;
        using var stream = typeof(AnalysisLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded lexicon '{name}' is missing from {typeof(AnalysisLexicon).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
