using Orleans.Concurrency;

namespace Chat.Grains.Abstractions.Rooms;

/// <summary>Analyses messages off the room's hot path and hands the tags back to the room (a stateless worker).</summary>
[Alias("chat.message-analysis")]
public interface IMessageAnalysisGrain : IGrainWithIntegerKey
{
    /// <summary><paramref name="version"/> is the message's edit time (or send time) so that tags of an older text are dropped.</summary>
    [Alias("analyze"), OneWay]
    Task AnalyzeAsync(string roomId, long seq, DateTimeOffset version, string text);
}
