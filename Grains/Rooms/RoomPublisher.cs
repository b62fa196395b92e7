using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Mentions;

namespace Chat.Grains.Rooms;

/// <summary>
/// What a room tells other grains that do not answer to it: its entry in the room directory, and the hand-off of a
/// committed message's slow work (analysis, mention delivery) to stateless workers as one-way calls, so that work
/// never runs in the room's turn and nothing the workers do comes back to a call the room is waiting on.
/// Owned by one room grain and used only from its turns.
/// </summary>
internal sealed class RoomPublisher(string roomId, IGrainFactory grains, RoomMembership room, bool analyzeMessages)
{
    /// <summary>How much of a message a mention notification quotes.</summary>
    public const int ExcerptLength = 200;

    private IRoomDirectoryGrain Directory => grains.Reference<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);

    /// <summary>Puts the room's current name, topic, privacy and owner in the directory.</summary>
    public Task ListAsync() => Directory.UpsertAsync(room.Summary());

    /// <summary>Takes the room out of the directory.</summary>
    public Task UnlistAsync() => Directory.RemoveAsync(roomId);

    /// <summary>Hands a posted or edited message to the analysis worker, and a new one's mentions to the mention worker.</summary>
    public void HandOff(ChatMessage message)
    {
        if (analyzeMessages)
        {
            _ = grains.Reference<IMessageAnalysisGrain>(0).AnalyzeAsync(roomId, message.Seq, message.EditedAt ?? message.SentAt, message.Text);
        }

        var mentioned = room.Notified(MentionParser.Parse(message.Text), message.Author);
        if (Mention(roomId, message, mentioned.Length, room.IsPrivate) is { } draft)
        {
            _ = grains.Reference<IMentionDeliveryGrain>(0).DeliverAsync(draft, mentioned);
        }
    }

    /// <summary>The notification a message's mentions make: none for an edit (its mentions were told of it once) or when nobody is told.</summary>
    public static MentionDraft? Mention(string roomId, ChatMessage message, int mentioned, bool isPrivate)
    {
        if (mentioned == 0 || message.EditedAt is not null)
        {
            return null;
        }

        var excerpt = message.Text.Length <= ExcerptLength ? message.Text : message.Text[..ExcerptLength] + "…";
        return new MentionDraft(roomId, message.Seq, message.Author, excerpt, message.SentAt, isPrivate);
    }
}
