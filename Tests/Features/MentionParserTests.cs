using Chat.Grains.Mentions;

namespace Chat.Tests.Features;

public sealed class MentionParserTests
{
    [Fact]
    public void Parse_WithAtMention_ReturnsName()
    {
        Assert.Equal(["bob"], MentionParser.Parse("hi @bob how are you"));
    }

    [Fact]
    public void Parse_WithHashMention_ReturnsName()
    {
        Assert.Equal(["alice"], MentionParser.Parse("#alice look"));
    }

    [Theory]
    [InlineData("thanks @bob, see you")]
    [InlineData("thanks @bob.")]
    [InlineData("thanks @bob...")]
    [InlineData("is it @bob?")]
    [InlineData("(@bob)")]
    [InlineData("@bob!")]
    [InlineData("@bob: hi")]
    [InlineData("hi,@bob")]
    public void Parse_WithTrailingOrSurroundingPunctuation_ReturnsName(string text)
    {
        Assert.Equal(["bob"], MentionParser.Parse(text));
    }

    [Fact]
    public void Parse_WithTrailingComma_ReturnsName()
    {
        Assert.Equal(["bob"], MentionParser.Parse("@bob, hi"));
    }

    [Fact]
    public void Parse_WithMixedCase_ReturnsLowerCase()
    {
        Assert.Equal(["bob.smith"], MentionParser.Parse("ping @Bob.Smith"));
    }

    [Fact]
    public void Parse_WithRepeatedNames_ReturnsEachOnceInOrderOfFirstAppearance()
    {
        Assert.Equal(["carol", "bob", "dave"], MentionParser.Parse("@carol @bob #BOB @Carol @dave @bob"));
    }

    [Theory]
    [InlineData("write to a@b.com")]
    [InlineData("write to bob.smith@example.com please")]
    [InlineData("mail @bob@example.com")]
    [InlineData("see https://example.com/@bob")]
    [InlineData("abc@bob")]
    [InlineData("x_#bob")]
    [InlineData("C# is fine")]
    [InlineData("@@bob")]
    public void Parse_WithAddressOrGluedSigil_ReturnsNothing(string text)
    {
        Assert.Empty(MentionParser.Parse(text));
    }

    [Theory]
    [InlineData("@ab")]
    [InlineData("@")]
    [InlineData("# heading")]
    [InlineData("@josé")]
    [InlineData("@abcdefghijklmnopqrstuvwxyz0123456789")]
    public void Parse_WithInvalidName_ReturnsNothing(string text)
    {
        Assert.Empty(MentionParser.Parse(text));
    }

    [Fact]
    public void Parse_WithNameCharacters_KeepsUnderscoreDashAndInnerDot()
    {
        Assert.Equal(["a_b-c.d"], MentionParser.Parse("@a_b-c.d."));
    }

    [Fact]
    public void Parse_WithNameOfMaximumLength_ReturnsIt()
    {
        var name = new string('x', 32);
        Assert.Equal([name], MentionParser.Parse($"@{name}"));
    }

    [Fact]
    public void Parse_WithMoreThanMaximum_StopsAtMaximum()
    {
        var text = string.Join(' ', Enumerable.Range(0, MentionParser.MaxMentions + 5).Select(i => $"@user{i:D2}"));

        var names = MentionParser.Parse(text);

        Assert.Equal(MentionParser.MaxMentions, names.Count);
        Assert.Equal("user00", names[0]);
        Assert.Equal($"user{MentionParser.MaxMentions - 1:D2}", names[^1]);
    }

    [Fact]
    public void Parse_WithDuplicatesBeyondMaximum_CountsDistinctNames()
    {
        var text = string.Concat(Enumerable.Repeat("@bob ", 50)) + "@carol";

        Assert.Equal(["bob", "carol"], MentionParser.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no mentions here")]
    public void Parse_WithoutMentions_ReturnsEmpty(string? text)
    {
        Assert.Empty(MentionParser.Parse(text));
    }
}
