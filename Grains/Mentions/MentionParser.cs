using Chat.Grains.Abstractions;

namespace Chat.Grains.Mentions;

/// <summary>
/// Finds the users a message mentions. Both <c>@name</c> and <c>#name</c> name a user, as the original product
/// accepted; names follow <see cref="ChatLimits.UserNamePattern"/> and compare case-insensitively.
/// </summary>
/// <remarks>
/// <para>
/// A mention is a sigil (<c>@</c> or <c>#</c>) followed by the longest run of name characters
/// (<c>a-z A-Z 0-9 _ . -</c>). It counts only when:
/// </para>
/// <list type="bullet">
/// <item>the sigil does not follow a letter, a digit or one of <c>_ . - @ # /</c>: so <c>a@b.com</c>,
/// <c>x@bob</c> and URL paths such as <c>/@bob</c> are not mentions;</item>
/// <item>the run is not followed by a letter, a digit, <c>_</c> or <c>@</c> outside the name characters (so
/// <c>@josé</c> is not taken as <c>jos</c>, and <c>@bob@example.com</c> is an address, not a mention);</item>
/// <item>after dropping trailing dots (sentence punctuation, as in <c>@bob.</c>) the run is a valid user name.
/// A run that is too long is not cut down to a shorter name.</item>
/// </list>
/// <para>
/// Names come back lower-case, each once, in order of first appearance, at most <see cref="MaxMentions"/> of them.
/// A user name that really ends in a dot can therefore not be mentioned at the end of a run.
/// </para>
/// </remarks>
public static class MentionParser
{
    /// <summary>Most distinct users one message can mention; later ones are ignored.</summary>
    public const int MaxMentions = 20;

    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length && names.Count < MaxMentions)
        {
            var c = text[i];
            if (!IsSigil(c) || (i > 0 && GluesToMention(text[i - 1])))
            {
                i++;
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < text.Length && IsNameChar(text[end]))
            {
                end++;
            }

            i = Math.Max(end, start);
            if (end < text.Length && GluesAfterName(text[end]))
            {
                continue;
            }

            var nameEnd = end;
            while (nameEnd > start && text[nameEnd - 1] == '.')
            {
                nameEnd--;
            }

            var name = text[start..nameEnd].ToLowerInvariant();
            if (ChatLimits.IsValidUserName(name) && seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsSigil(char c) => c is '@' or '#';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static bool GluesToMention(char before) => char.IsLetterOrDigit(before) || before is '_' or '.' or '-' or '@' or '#' or '/';

    private static bool GluesAfterName(char after) => char.IsLetterOrDigit(after) || after is '_' or '@';
}
