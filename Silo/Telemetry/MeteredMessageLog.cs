using System.Diagnostics;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;

namespace Chat.Silo.Telemetry;

/// <summary>
/// Counts every request to the message log it wraps (<c>chat.store.requests</c>) and times its writes
/// (<c>chat.store.write.duration</c>), both tagged with the store.
/// </summary>
public sealed class MeteredMessageLog(IMessageLog inner, ChatMetrics metrics, string store) : IMessageLog
{
    public IMessageLog Inner => inner;

    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.MessageAppend);
        var started = Stopwatch.GetTimestamp();
        await inner.AppendAsync(roomId, messages, cancellationToken);
        metrics.RecordStoreWrite(store, "append", Stopwatch.GetElapsedTime(started));
    }

    public async Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.MessageUpdate);
        var started = Stopwatch.GetTimestamp();
        await inner.UpdateAsync(roomId, messages, cancellationToken);
        metrics.RecordStoreWrite(store, "update", Stopwatch.GetElapsedTime(started));
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.MessageRead);
        return inner.ReadAsync(roomId, query, cancellationToken);
    }

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.MessageReadKeys);
        return inner.ReadClientMessageKeysAsync(roomId, afterSeq, cancellationToken);
    }

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.MessageDeleteRoom);
        return inner.DeleteRoomAsync(roomId, cancellationToken);
    }
}
