using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Chat.Tests.Features;

public sealed class MessageTagsSerializationTests
{
    [Fact]
    public void MessageTags_RoundTripThroughOrleansSerializer_KeepsEveryField()
    {
        using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(MessageTags).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var tags = new LexiconMessageAnalyzer().Analyze("not good, shit and crap");

        var copy = serializer.Deserialize<MessageTags>(serializer.SerializeToArray(tags))!;

        Assert.Equal(tags.Sentiment, copy.Sentiment);
        Assert.Equal(tags.SentimentScore, copy.SentimentScore);
        Assert.True(copy.Profane);
        Assert.Equal(tags.ProfaneRanges, copy.ProfaneRanges);
        Assert.Equal(2, copy.ProfaneRanges.Count);
    }
}
