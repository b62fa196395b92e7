using System.Text;

namespace Chat.Grains.Rooms;

/// <summary>
/// How the directory compares names and topics: one normal form for stored terms and searches, and the order the
/// stores keep them in (Unicode code points, which is the byte order of UTF-8 in SQLite and DynamoDB alike).
/// </summary>
public static class RoomSearch
{
    /// <summary>Longest term kept per name or topic: a search matches within the first this many characters.</summary>
    public const int MaxTermLength = 100;

    /// <summary>Separates a term from the room id in store keys; lower than any character a term holds.</summary>
    public const char KeySeparator = '\u0001';

    /// <summary>The order of terms and keys in both stores.</summary>
    public static readonly IComparer<string> CodePointOrder = Comparer<string>.Create(CompareCodePoints);

    /// <summary>
    /// Lower case (invariant), control characters dropped, runs of white space made one space, trimmed, cut to
    /// <see cref="MaxTermLength"/> characters without splitting a surrogate pair. Null for null.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var normal = new StringBuilder(Math.Min(text.Length, MaxTermLength));
        var space = false;
        foreach (var rune in text.Trim().EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = normal.Length > 0;
                continue;
            }

            if (Rune.IsControl(rune) || rune.Value == 0x10FFFF)
            {
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            if (normal.Length + (space ? 1 : 0) + lower.Utf16SequenceLength > MaxTermLength)
            {
                break;
            }

            if (space)
            {
                normal.Append(' ');
                space = false;
            }

            normal.Append(lower.ToString());
        }

        return normal.ToString();
    }

    /// <summary>Normalizes a search; null when it is null or has nothing left to match.</summary>
    public static string? NormalizeSearch(string? search) => Normalize(search) is { Length: > 0 } normal ? normal : null;

    /// <summary>Whether a normalized term starts with a normalized search.</summary>
    public static bool Matches(string? term, string search) => term is not null && term.StartsWith(search, StringComparison.Ordinal);

    /// <summary>
    /// Ordinal comparison by code point: like <see cref="string.CompareOrdinal(string, string)"/>, except that
    /// characters outside the basic plane (surrogate pairs) sort after U+E000..U+FFFF, as they do in UTF-8.
    /// </summary>
    public static int CompareCodePoints(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return Weight(a[i]).CompareTo(Weight(b[i]));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Weight(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
