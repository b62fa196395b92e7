namespace Chat.Grains.Analysis;

/// <summary>A word of a message: where it sits in the original text, and whether a clause break came before it.</summary>
internal readonly record struct WordToken(int Start, int Length, bool AfterClauseBreak);
