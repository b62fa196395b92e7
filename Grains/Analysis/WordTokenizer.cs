namespace Chat.Grains.Analysis;

/// <summary>
/// Splits text into words for the lexicon analyzer. A word is a run of letters and digits, plus <c>@</c> and
/// <c>$</c> (leetspeak for a and s) and apostrophes between letters (<c>don't</c>). Sentence and clause
/// punctuation (<c>. , ; : ! ?</c>) between two words is reported, since it ends the reach of a negation.
/// </summary>
internal static class WordTokenizer
{
    public static List<WordToken> Tokenize(string text)
    {
        var tokens = new List<WordToken>();
        var clauseBreak = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsWordChar(c))
            {
                clauseBreak |= c is '.' or ',' or ';' or ':' or '!' or '?' or '¡' or '¿';
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || IsInnerApostrophe(text, i)))
            {
                i++;
            }

            tokens.Add(new WordToken(start, i - start, clauseBreak));
            clauseBreak = false;
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '$';

    private static bool IsInnerApostrophe(string text, int i) =>
        text[i] is '\'' or '\u2019' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
}
