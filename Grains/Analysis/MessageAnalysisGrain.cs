using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Chat.Grains.Analysis;

/// <summary>
/// Runs the analyzer on a message after it was acknowledged and hands the tags back to its room when they show something
/// (<see cref="Abstractions.Messages.MessageTags.HasFindings"/>).
/// </summary>
[StatelessWorker]
public sealed partial class MessageAnalysisGrain(IMessageAnalyzer analyzer, ILogger<MessageAnalysisGrain> logger) : Grain, IMessageAnalysisGrain
{
    public async Task AnalyzeAsync(string roomId, long seq, DateTimeOffset version, string text)
    {
        try
        {
            var tags = await analyzer.AnalyzeAsync(text, CancellationToken.None);
            if (!tags.HasFindings())
            {
                // Nothing to show: an untagged message already reads as neutral and clean (edits clear old tags).
                return;
            }

            await GrainFactory.Reference<IRoomGrain>(roomId).TagAsync(seq, version, tags);
        }
        catch (Exception error)
        {
            // Tags are an extra: the message stands without them.
            LogAnalysisFailed(error, roomId, seq);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis of message {Seq} in room {RoomId} failed; it stays untagged")]
    private partial void LogAnalysisFailed(Exception error, string roomId, long seq);
}
