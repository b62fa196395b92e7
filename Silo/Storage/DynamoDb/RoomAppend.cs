using Chat.Grains.Abstractions.Messages;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>One room's messages waiting for, or in, a transaction of <see cref="DynamoDbAppendBatcher"/>.</summary>
public sealed class RoomAppend(string roomId, ChatMessage[] messages)
{
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RoomId { get; } = roomId;

    public ChatMessage[] Messages { get; } = messages;

    public Task Written => _written.Task;

    public void Succeed() => _written.TrySetResult();

    public void Fail(Exception error) => _written.TrySetException(error);
}
