using System.Collections.Concurrent;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Wraps the real message log of the in-process test cluster so tests can count appends, hold them back, or make
/// them fail, per room. Static, because the test cluster's silos run in this process.
/// </summary>
public sealed class FaultInjectingMessageLog(IMessageLog inner) : IMessageLog
{
    private static readonly ConcurrentDictionary<string, int> Appends = new();
    private static readonly ConcurrentDictionary<string, int> Failures = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static int AppendCount(string roomId) => Appends.GetValueOrDefault(roomId);

    /// <summary>The next <paramref name="count"/> appends to the room throw (after which storage works again).</summary>
    public static void FailNextAppends(string roomId, int count) => Failures[roomId] = count;

    /// <summary>Appends to the room wait until the returned source is completed.</summary>
    public static TaskCompletionSource HoldAppends(string roomId)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gates[roomId] = gate;
        return gate;
    }

    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        Appends.AddOrUpdate(roomId, 1, (_, n) => n + 1);
        if (Gates.TryGetValue(roomId, out var gate))
        {
            await gate.Task;
        }

        if (Failures.TryGetValue(roomId, out var left) && left > 0 && Failures.TryUpdate(roomId, left - 1, left))
        {
            throw new IOException($"Injected storage failure for room '{roomId}'.");
        }

        await inner.AppendAsync(roomId, messages, cancellationToken);
    }

    public Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(roomId, messages, cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(roomId, query, cancellationToken);

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default) =>
        inner.ReadClientMessageKeysAsync(roomId, afterSeq, cancellationToken);

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        inner.DeleteRoomAsync(roomId, cancellationToken);
}
