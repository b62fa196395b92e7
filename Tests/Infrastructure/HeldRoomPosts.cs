using Chat.Grains.Abstractions.Rooms;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A grain call filter that holds every <see cref="IRoomGrain.PostAsync"/> to one room until <see cref="Release"/>: the
/// grain path of a send blocked on purpose, so a test can fill the front silo's send slots deterministically.
/// </summary>
public sealed class HeldRoomPosts : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>The room whose posts are held; none until set.</summary>
    public string? RoomId { get; set; }

    /// <summary>Posts that reached the room and wait.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(IRoomGrain.PostAsync) && RoomId is { } roomId && context.TargetId.Key.ToString() == roomId)
        {
            Interlocked.Increment(ref _held);
            await _released.Task;
        }

        await context.Invoke();
    }
}
