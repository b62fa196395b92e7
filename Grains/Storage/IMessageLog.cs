using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Storage;

/// <summary>
/// The durable message history of every room (partition: room id, order: seq).
/// Implemented by the hosts: SQLite when embedded, DynamoDB in a cluster.
/// </summary>
public interface IMessageLog
{
    /// <summary>
    /// Appends messages with consecutive seq numbers in one write. A seq that is already stored is never overwritten:
    /// the call then fails with <see cref="DuplicateSeqException"/> and stores none of the batch.
    /// </summary>
    Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces stored messages (same room and seq): text, edit mark, tombstone flag, tags and key id, in one write
    /// where the store allows. Fails with <see cref="KeyNotFoundException"/> when one of the seqs is not stored.
    /// </summary>
    Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>A page of history, ascending by seq (see <see cref="MessageQuery"/>).</summary>
    Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default);

    /// <summary>The idempotency keys of messages with seq greater than <paramref name="afterSeq"/> that carry a client message id.</summary>
    Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>Removes a room's whole history.</summary>
    Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default);
}
