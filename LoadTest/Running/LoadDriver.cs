using System.Diagnostics;

namespace Chat.LoadTest.Running;

/// <summary>
/// Runs actors under a load model until <c>total</c> has passed since <c>startTimestamp</c>. Open: each actor follows
/// its share of an <see cref="OpenSchedule"/> without waiting for answers, so a slow server shows as latency, not as
/// a lower rate; an actor with <see cref="MaxInFlight"/> unanswered operations skips what falls due (counted).
/// Closed: <c>concurrency</c> workers each start the next operation when the previous one is answered.
/// </summary>
public static class LoadDriver
{
    public const int MaxInFlight = 100;

    public static Task RunOpenAsync(IReadOnlyList<ILoadActor> actors, OpenSchedule schedule, long startTimestamp, TimeSpan total, MetricsSlot metrics, CancellationToken cancellationToken) =>
        Task.WhenAll(actors.Select((actor, a) => OpenLoopAsync(actor, a, actors.Count, schedule, startTimestamp, total, metrics, cancellationToken)));

    public static Task RunClosedAsync(IReadOnlyList<ILoadActor> actors, int concurrency, long startTimestamp, TimeSpan total, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => ClosedLoopAsync(actors[w % actors.Count], startTimestamp, total, cancellationToken)));

    private static async Task OpenLoopAsync(ILoadActor actor, int index, int count, OpenSchedule schedule, long startTimestamp, TimeSpan total, MetricsSlot metrics, CancellationToken cancellationToken)
    {
        for (long k = index; !cancellationToken.IsCancellationRequested; k += count)
        {
            var due = schedule.DueTime(k);
            if (due >= total)
            {
                return;
            }

            var wait = due - Stopwatch.GetElapsedTime(startTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (actor.InFlight >= MaxInFlight)
            {
                metrics.Current.RecordSkipped(Stopwatch.GetTimestamp());
                continue;
            }

            _ = actor.RunOnceAsync();
        }
    }

    private static async Task ClosedLoopAsync(ILoadActor actor, long startTimestamp, TimeSpan total, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetElapsedTime(startTimestamp) < total)
        {
            await actor.RunOnceAsync();
        }
    }
}
