using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Rooms;

/// <summary>A message that has its seq but is not yet durable; its task completes when the batch holding it is written.</summary>
internal sealed class PendingMessage(ChatMessage message)
{
    private readonly TaskCompletionSource<ChatMessage> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatMessage Message { get; } = message;

    public Task<ChatMessage> Stored => _stored.Task;

    public void Complete() => _stored.TrySetResult(Message);

    public void Fail(Exception error) => _stored.TrySetException(error);
}
