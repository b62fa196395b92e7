using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Rooms;

/// <summary>
/// Changes to a room's stored messages and their rules. Only a durable message that is not deleted changes; only its
/// author edits it (the edit drops its tags: it is analysed again); its author or the room's owner deletes it, which
/// leaves a tombstone (no text, no tags) in its seq; analysis tags attach only to the version they were computed for.
/// Every change goes through the room's <see cref="CommitPipeline"/>, so it is written with the room's next batch and
/// announced after it is durable. Owned by one room grain (with the pipeline it wraps) and used only from its turns.
/// </summary>
internal sealed class MessageChanges(string roomId, CommitPipeline commits, TimeProvider time)
{
    /// <summary>The author replaces the text (already checked against the room's rules) of message <paramref name="seq"/>.</summary>
    public async Task<ChatMessage> EditAsync(string caller, long seq, string text)
    {
        var message = await FindAsync(seq);
        if (message.Author != caller)
        {
            throw ChatException.Forbidden("Only the author may edit a message.");
        }

        var edited = message with { Text = text, EditedAt = RoomRules.MessageTime(time), Tags = null };
        return await commits.ChangeAsync(edited, new MessageEdited(edited));
    }

    /// <summary>The author, or the room's owner (<paramref name="callerOwnsRoom"/>), turns message <paramref name="seq"/> into a tombstone.</summary>
    public async Task<ChatMessage> DeleteAsync(string caller, bool callerOwnsRoom, long seq)
    {
        var message = await FindAsync(seq);
        if (message.Author != caller && !callerOwnsRoom)
        {
            throw ChatException.Forbidden("Only the author or the room owner may delete a message.");
        }

        var tombstone = message with { Text = "", Deleted = true, Tags = null, EditedAt = RoomRules.MessageTime(time) };
        return await commits.ChangeAsync(tombstone, new MessageDeleted(roomId, seq));
    }

    /// <summary>
    /// Queues the tags for the room's next batch when the message is still the <paramref name="version"/> they were
    /// computed for; else drops them (a later version gets its own). Completes once queued, not once written: tags
    /// never add a write of their own, and nobody waits on them.
    /// </summary>
    public async Task TagAsync(long seq, DateTimeOffset version, MessageTags tags)
    {
        if (seq > commits.LastDurableSeq)
        {
            return;
        }

        var message = await commits.FindAsync(seq);
        if (message.Deleted || (message.EditedAt ?? message.SentAt) != version)
        {
            return;
        }

        _ = commits.ChangeAsync(message with { Tags = tags }, new MessageTagged(roomId, seq, tags));
    }

    private async Task<ChatMessage> FindAsync(long seq)
    {
        if (seq < 1 || seq > commits.LastDurableSeq)
        {
            throw ChatException.NotFound($"Room '{roomId}' has no message {seq}.");
        }

        var message = await commits.FindAsync(seq);
        return message.Deleted ? throw ChatException.NotFound($"Message {seq} of room '{roomId}' was deleted.") : message;
    }
}
