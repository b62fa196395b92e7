using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;

namespace Chat.Tests.Grains;

/// <summary>A message log in a dictionary, for unit tests of the room's parts: every call completes at once, so the commit loop runs to its end inside the call that queued.</summary>
internal sealed class InMemoryMessageLog : IMessageLog
{
    private readonly SortedDictionary<long, ChatMessage> _messages = [];

    public IReadOnlyList<ChatMessage> Stored => [.. _messages.Values];

    public Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            _messages.Add(message.Seq, message);
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            _messages[message.Seq] = message;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var inRange = _messages.Values.Where(m => m.Seq > (query.After ?? 0) && m.Seq < (query.Before ?? long.MaxValue));
        IReadOnlyList<ChatMessage> page = query.After is null ? [.. inRange.TakeLast(query.Limit)] : [.. inRange.Take(query.Limit)];
        return Task.FromResult(page);
    }

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ClientMessageKey> keys =
        [
            .. _messages.Values
                .Where(m => m.Seq > afterSeq && m.ClientMessageId is not null)
                .Select(m => new ClientMessageKey(m.Seq, m.Author, m.ClientMessageId!)),
        ];
        return Task.FromResult(keys);
    }

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        _messages.Clear();
        return Task.CompletedTask;
    }
}
