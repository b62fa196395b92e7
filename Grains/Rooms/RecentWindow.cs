using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Rooms;

/// <summary>
/// The last N durable messages of a room, ascending and contiguous by seq. Answers history pages that fall
/// inside it, so that joins and recent pages need no store read.
/// </summary>
internal sealed class RecentWindow(int capacity)
{
    private readonly Queue<ChatMessage> _messages = new(capacity);
    private bool _holdsWholeHistory = true;

    public int Count => _messages.Count;

    public long FirstSeq => _messages.Count == 0 ? 0 : _messages.Peek().Seq;

    public void Reset(IReadOnlyList<ChatMessage> newest)
    {
        _messages.Clear();
        foreach (var message in newest.Skip(Math.Max(0, newest.Count - capacity)))
        {
            _messages.Enqueue(message);
        }

        _holdsWholeHistory = _messages.Count == 0 || _messages.Peek().Seq == 1;
    }

    public void Add(ChatMessage message)
    {
        if (_messages.Count == capacity)
        {
            _messages.Dequeue();
            _holdsWholeHistory = false;
        }

        _messages.Enqueue(message);
    }

    public ChatMessage? Find(long seq)
    {
        if (_messages.Count == 0 || seq < FirstSeq || seq >= FirstSeq + _messages.Count)
        {
            return null;
        }

        return _messages.ElementAt((int)(seq - FirstSeq));
    }

    /// <summary>Replaces a message held in the window (after an edit, a delete or tagging); false when it is older than the window.</summary>
    public bool Replace(ChatMessage message)
    {
        if (Find(message.Seq) is null)
        {
            return false;
        }

        var messages = _messages.ToArray();
        messages[message.Seq - FirstSeq] = message;
        _messages.Clear();
        foreach (var m in messages)
        {
            _messages.Enqueue(m);
        }

        return true;
    }

    public IReadOnlyList<ChatMessage> ToList() => _messages.ToArray();

    /// <summary>Answers the query from memory when every message it asks for is in the window.</summary>
    public bool TryRead(MessageQuery query, out IReadOnlyList<ChatMessage> page)
    {
        page = [];
        var lowestKnown = _holdsWholeHistory ? 1 : FirstSeq;
        var lastSeq = _messages.Count == 0 ? 0 : FirstSeq + _messages.Count - 1;
        long from;
        long to;
        if (query.After is { } after)
        {
            from = after + 1;
            to = Math.Min(lastSeq, Math.Min(query.Before is { } b ? b - 1 : long.MaxValue, after + query.Limit));
        }
        else
        {
            to = Math.Min(lastSeq, query.Before is { } b ? b - 1 : long.MaxValue);
            from = to - query.Limit + 1;
        }

        if (from < lowestKnown && !_holdsWholeHistory)
        {
            return false;
        }

        from = Math.Max(from, FirstSeq);
        if (_messages.Count == 0 || to < from)
        {
            return true;
        }

        page = _messages.Skip((int)(from - FirstSeq)).Take((int)(to - from + 1)).ToArray();
        return true;
    }
}
