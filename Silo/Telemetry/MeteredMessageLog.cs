using System.Diagnostics;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;

namespace Chat.Silo.Telemetry;

/// <summary>Times every write of the message log it wraps (<c>chat.store.write.duration</c>, tagged with the store and the operation).</summary>
public sealed class MeteredMessageLog(IMessageLog inner, ChatMetrics metrics, string store) : IMessageLog
{
    public IMessageLog Inner => inner;

    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.AppendAsync(roomId, messages, cancellationToken);
        metrics.RecordStoreWrite(store, "append", Stopwatch.GetElapsedTime(started));
    }

    public async Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.UpdateAsync(roomId, messages, cancellationToken);
        metrics.RecordStoreWrite(store, "update", Stopwatch.GetElapsedTime(started));
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(roomId, query, cancellationToken);

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default) =>
        inner.ReadClientMessageKeysAsync(roomId, afterSeq, cancellationToken);

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default) => inner.DeleteRoomAsync(roomId, cancellationToken);
}
