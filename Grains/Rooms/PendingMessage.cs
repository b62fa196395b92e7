using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Events;

namespace Chat.Grains.Rooms;

/// <summary>
/// A write waiting for the room's commit loop: a new message (it has its seq but is not yet durable) or a change to
/// a stored one (edit, tombstone, tags). Its task completes when the batch holding it is written; then
/// <see cref="Event"/> is published.
/// </summary>
internal sealed class PendingMessage(ChatMessage message, bool isNew, RoomEvent roomEvent, long enqueuedAt)
{
    private readonly TaskCompletionSource<ChatMessage> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatMessage Message { get; } = message;

    public bool IsNew { get; } = isNew;

    public RoomEvent Event { get; } = roomEvent;

    /// <summary>When the write was queued (a <see cref="TimeProvider"/> timestamp), for the acknowledgement latency.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    public Task<ChatMessage> Stored => _stored.Task;

    public void Complete() => _stored.TrySetResult(Message);

    public void Fail(Exception error) => _stored.TrySetException(error);
}
