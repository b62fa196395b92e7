using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Storage;

/// <summary>An append met a seq that is already stored; nothing of the batch was written.</summary>
public sealed class DuplicateSeqException : Exception
{
    public DuplicateSeqException()
    {
    }

    public DuplicateSeqException(string message)
        : base(message)
    {
    }

    public DuplicateSeqException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal of a room's batch, naming the room and the batch's seq range.</summary>
    public static DuplicateSeqException Of(string roomId, IReadOnlyList<ChatMessage> messages, Exception innerException) =>
        new($"Room '{roomId}' already has a message with one of seq {messages[0].Seq}..{messages[^1].Seq}.", innerException);
}
