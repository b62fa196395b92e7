using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Analysis;

namespace Chat.Tests.Features;

public sealed class SentimentAnalysisTests
{
    private readonly LexiconMessageAnalyzer _analyzer = new();

    [Theory]
    [InlineData("This is great, thanks!")]
    [InlineData("I LOVE this room")]
    [InlineData("what a wonderful day")]
    public void Analyze_WithPositiveEnglish_IsPositive(string text)
    {
        var tags = _analyzer.Analyze(text);

        Assert.Equal(MessageTags.Positive, tags.Sentiment);
        Assert.InRange(tags.SentimentScore, LexiconMessageAnalyzer.NeutralBand, 1);
    }

    [Theory]
    [InlineData("this is terrible")]
    [InlineData("I hate waiting, the app is broken")]
    [InlineData("worst release ever")]
    public void Analyze_WithNegativeEnglish_IsNegative(string text)
    {
        var tags = _analyzer.Analyze(text);

        Assert.Equal(MessageTags.Negative, tags.Sentiment);
        Assert.InRange(tags.SentimentScore, -1, -LexiconMessageAnalyzer.NeutralBand);
    }

    [Theory]
    [InlineData("the meeting is at noon")]
    [InlineData("")]
    [InlineData("1234 !!!")]
    public void Analyze_WithoutValenceWords_IsNeutralWithZeroScore(string text)
    {
        var tags = _analyzer.Analyze(text);

        Assert.Equal(MessageTags.Neutral, tags.Sentiment);
        Assert.Equal(0, tags.SentimentScore);
        Assert.False(tags.HasFindings());
    }

    [Theory]
    [InlineData("what a great day", true)]
    [InlineData("I hate mondays", true)]
    [InlineData("the shit hit the fan at noon", true)]
    [InlineData("the meeting is at noon", false)]
    public void HasFindings_IsTrueForAToneOrProfanity(string text, bool expected)
    {
        Assert.Equal(expected, _analyzer.Analyze(text).HasFindings());
    }

    [Theory]
    [InlineData("this is not good")]
    [InlineData("this isn't good")]
    [InlineData("this isn\u2019t good")]
    [InlineData("it was never really fun")]
    [InlineData("I don't like it, not great at all")]
    public void Analyze_WithNegatedPositive_IsNegative(string text)
    {
        Assert.Equal(MessageTags.Negative, _analyzer.Analyze(text).Sentiment);
    }

    [Fact]
    public void Analyze_WithNegatedNegative_IsMildlyPositive()
    {
        var notBad = _analyzer.Analyze("not bad");
        var good = _analyzer.Analyze("good");

        Assert.Equal(MessageTags.Positive, notBad.Sentiment);
        Assert.True(notBad.SentimentScore < good.SentimentScore, $"'not bad' ({notBad.SentimentScore}) should score below 'good' ({good.SentimentScore})");
    }

    [Fact]
    public void Analyze_WithNegationInEarlierClause_DoesNotFlipLaterClause()
    {
        Assert.Equal(MessageTags.Positive, _analyzer.Analyze("No. This is great").Sentiment);
    }

    [Fact]
    public void Analyze_WithNegationFarBeforeWord_DoesNotFlipIt()
    {
        Assert.Equal(MessageTags.Positive, _analyzer.Analyze("I did not expect that the new version would be so good").Sentiment);
    }

    [Theory]
    [InlineData("¡Qué día tan bueno, muchas gracias!")]
    [InlineData("me encanta, es genial")]
    [InlineData("esto es INCREÍBLE")]
    [InlineData("esto es increible")]
    public void Analyze_WithPositiveSpanish_IsPositive(string text)
    {
        Assert.Equal(MessageTags.Positive, _analyzer.Analyze(text).Sentiment);
    }

    [Theory]
    [InlineData("esto es horrible")]
    [InlineData("odio los lunes, estoy triste")]
    public void Analyze_WithNegativeSpanish_IsNegative(string text)
    {
        Assert.Equal(MessageTags.Negative, _analyzer.Analyze(text).Sentiment);
    }

    [Theory]
    [InlineData("no es bueno", MessageTags.Negative)]
    [InlineData("nunca fue divertido", MessageTags.Negative)]
    [InlineData("sin problema", MessageTags.Positive)]
    public void Analyze_WithSpanishNegation_FlipsSentiment(string text, string expected)
    {
        Assert.Equal(expected, _analyzer.Analyze(text).Sentiment);
    }

    [Fact]
    public void Analyze_WithManyStrongWords_StaysWithinUnitRange()
    {
        var tags = _analyzer.Analyze(string.Join(' ', Enumerable.Repeat("amazing", 1000)));

        Assert.InRange(tags.SentimentScore, 0.99, 1);
    }

    [Fact]
    public void Analyze_WithStrongerWords_ScoresHigher()
    {
        Assert.True(_analyzer.Analyze("amazing").SentimentScore > _analyzer.Analyze("fine").SentimentScore);
    }

    [Fact]
    public async Task AnalyzeAsync_WhenCancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _analyzer.AnalyzeAsync("good", cancelled.Token));
    }

    [Fact]
    public async Task AnalyzeAsync_ReturnsSameTagsAsAnalyze()
    {
        var tags = await _analyzer.AnalyzeAsync("not good, shit", CancellationToken.None);

        Assert.Equal(MessageTags.Negative, tags.Sentiment);
        Assert.True(tags.Profane);
    }
}
