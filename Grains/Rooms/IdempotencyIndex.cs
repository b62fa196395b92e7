using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Rooms;

/// <summary>
/// Remembers (author, client message id) → seq for a room's latest <c>horizon</c> messages, so that a re-sent
/// message returns the stored one without a store read. Bounded: older keys fall out in seq order.
/// </summary>
internal sealed class IdempotencyIndex(int horizon)
{
    private readonly Dictionary<(string Author, string ClientMessageId), long> _seqByKey = [];
    private readonly Queue<ClientMessageKey> _order = new();

    public void Reset(IEnumerable<ClientMessageKey> keys)
    {
        _seqByKey.Clear();
        _order.Clear();
        foreach (var key in keys.OrderBy(k => k.Seq))
        {
            Add(key);
        }
    }

    public bool TryGet(string author, string clientMessageId, out long seq) =>
        _seqByKey.TryGetValue((author, clientMessageId), out seq);

    public void Add(ClientMessageKey key)
    {
        _seqByKey[(key.Author, key.ClientMessageId)] = key.Seq;
        _order.Enqueue(key);
        while (_order.Count > 0 && _order.Peek().Seq <= key.Seq - horizon)
        {
            Forget(_order.Dequeue());
        }
    }

    private void Forget(ClientMessageKey key)
    {
        if (_seqByKey.TryGetValue((key.Author, key.ClientMessageId), out var seq) && seq == key.Seq)
        {
            _seqByKey.Remove((key.Author, key.ClientMessageId));
        }
    }
}
