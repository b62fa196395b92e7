using System.Threading.Channels;
using Chat.LoadTest.Client;

namespace Chat.Tests.LoadTest;

/// <summary>What a load-tool connection reported to its member: each message of the room, and how it closed.</summary>
public sealed class DeliveryRecorder : IDeliveryObserver
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public Channel<(long Seq, bool ByMe, string ClientMessageId)> Deliveries { get; } = Channel.CreateUnbounded<(long, bool, string)>();

    public TaskCompletionSource<Exception?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<(long Seq, bool ByMe, string ClientMessageId)> NextAsync() =>
        await Deliveries.Reader.ReadAsync().AsTask().WaitAsync(Wait);

    public void OnDelivered(long seq, bool byMe, ReadOnlySpan<char> clientMessageId, long receivedTimestamp) =>
        Deliveries.Writer.TryWrite((seq, byMe, clientMessageId.ToString()));

    public void OnClosed(Exception? error) => Closed.TrySetResult(error);
}
