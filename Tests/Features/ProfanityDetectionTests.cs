using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Analysis;

namespace Chat.Tests.Features;

public sealed class ProfanityDetectionTests
{
    private readonly LexiconMessageAnalyzer _analyzer = new();

    private string[] ProfaneWords(string text) =>
        [.. _analyzer.Analyze(text).ProfaneRanges.Select(r => text.Substring(r.Start, r.Length))];

    [Fact]
    public void Analyze_WithProfaneWord_ReportsItsRangeInOriginalText()
    {
        const string text = "well, Shit happens";

        var tags = _analyzer.Analyze(text);

        Assert.True(tags.Profane);
        Assert.Equal([new TextRange(6, 4)], tags.ProfaneRanges);
    }

    [Theory]
    [InlineData("class")]
    [InlineData("classes")]
    [InlineData("the assistant will assess it")]
    [InlineData("passing grass in Scunthorpe")]
    [InlineData("assassin")]
    [InlineData("we scrapped the scrap")]
    [InlineData("documented, dickens")]
    [InlineData("el año pasado computadora")]
    [InlineData("")]
    public void Analyze_WithWordThatOnlyContainsBadWord_IsClean(string text)
    {
        var tags = _analyzer.Analyze(text);

        Assert.False(tags.Profane);
        Assert.Empty(tags.ProfaneRanges);
    }

    [Theory]
    [InlineData("SHIT", "SHIT")]
    [InlineData("sh1t happens", "sh1t")]
    [InlineData("you @$$", "@$$")]
    [InlineData("sh1tty", "sh1tty")]
    [InlineData("4ss", "4ss")]
    [InlineData("b1tch", "b1tch")]
    [InlineData("a$$h0le", "a$$h0le")]
    [InlineData("mi3rd4", "mi3rd4")]
    public void Analyze_WithLeetspeak_ReadsDigitsAndSymbolsAsLetters(string text, string expected)
    {
        Assert.Equal([expected], ProfaneWords(text));
    }

    [Theory]
    [InlineData("shits", "shits")]
    [InlineData("fucking hell", "fucking")]
    [InlineData("fuckin' hell", "fuckin")]
    [InlineData("that's shitty", "shitty")]
    [InlineData("bitches", "bitches")]
    [InlineData("I got pissed", "pissed")]
    [InlineData("wankers", "wankers")]
    [InlineData("the bitch's car", "bitch's")]
    public void Analyze_WithSimpleVariant_MatchesBaseWord(string text, string expected)
    {
        Assert.Equal([expected], ProfaneWords(text));
    }

    [Theory]
    [InlineData("qué mierda", "mierda")]
    [InlineData("Cabrón!", "Cabrón")]
    [InlineData("cabrones", "cabrones")]
    [InlineData("no seas pendejo", "pendejo")]
    [InlineData("coño", "coño")]
    [InlineData("hijos de puta, putas", "puta,putas")]
    public void Analyze_WithSpanishProfanity_ReportsIt(string text, string expected)
    {
        Assert.Equal(expected.Split(','), ProfaneWords(text));
    }

    [Fact]
    public void Analyze_WithMentionOfBadWord_MasksOnlyTheWord()
    {
        Assert.Equal(["shit"], ProfaneWords("@shit"));
    }

    [Fact]
    public void Analyze_WithSeveralProfaneWords_ReportsEachInOrder()
    {
        const string text = "fuck this crap, damn";

        Assert.Equal(["fuck", "crap", "damn"], ProfaneWords(text));
    }

    [Fact]
    public void Analyze_WithProfanityGluedToPunctuation_ReportsWordOnly()
    {
        Assert.Equal(["shit"], ProfaneWords("(shit)..."));
    }

    [Fact]
    public void Analyze_WithVeryManyProfaneWords_BoundsRangesButStaysProfane()
    {
        var tags = _analyzer.Analyze(string.Join(' ', Enumerable.Repeat("shit", 500)));

        Assert.True(tags.Profane);
        Assert.Equal(LexiconMessageAnalyzer.MaxProfaneRanges, tags.ProfaneRanges.Count);
    }
}
