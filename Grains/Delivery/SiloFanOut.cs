using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Delivery;

/// <summary>
/// Pushes one grain's events to the silos that hold its listeners. Per silo the events go in order, one call at a
/// time, and whatever queues while a call is under way goes in the next one: a busy room sends batches, an idle one
/// sends each event at once. Nothing polls and nothing ticks. Delivery is best effort (clients catch up by seq): a
/// failed call is logged and the room goes on; a silo that is gone is dropped and reported to the owner.
/// Owned by one grain and used only from its turns (the grain's scheduler), so it needs no locks.
/// </summary>
public sealed partial class SiloFanOut(IGrainFactory grains, Action<SiloAddress> siloGone, ILogger logger)
{
    /// <summary>Most events queued for one silo; past it new events are dropped for that silo (its clients catch up by seq).</summary>
    public const int MaxQueuedPerSilo = 10_000;

    /// <summary>How long an activating grain waits for the silos to say who listens, and a closing room for its last pushes.</summary>
    public static readonly TimeSpan QuestionTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<SiloAddress, Outbox> _outboxes = [];

    /// <summary>Queues an event for each silo.</summary>
    public void Send(IReadOnlyList<SiloAddress> silos, ChatEvent chatEvent)
    {
        foreach (var silo in silos)
        {
            if (!_outboxes.TryGetValue(silo, out var outbox))
            {
                outbox = new Outbox();
                _outboxes[silo] = outbox;
            }

            if (outbox.Queue.Count >= MaxQueuedPerSilo)
            {
                if (!outbox.Dropping)
                {
                    outbox.Dropping = true;
                    LogOverflow(silo, MaxQueuedPerSilo);
                }

                continue;
            }

            outbox.Queue.Add(chatEvent);
            if (outbox.Pump is null || outbox.Pump.IsCompleted)
            {
                outbox.Pump = PumpAsync(silo, outbox);
            }
        }
    }

    /// <summary>Completes when everything queued so far has been handed over (or given up on).</summary>
    public Task FlushAsync() => Task.WhenAll(_outboxes.Values.Select(o => o.Pump ?? Task.CompletedTask));

    /// <summary>
    /// Asks silos who listens to a topic (an activating grain learns its listeners again). Answers that do not
    /// come within <see cref="QuestionTimeout"/> are left out; those silos' next reports fill them in.
    /// </summary>
    public Task<IReadOnlyList<PresenceReport>> AskAsync(IReadOnlyList<SiloAddress> silos, Topic topic) =>
        GatherAsync(silos, topic, s => s.GetPresenceAsync(topic));

    /// <summary>
    /// As <see cref="AskAsync"/>, and each silo that answers reports the user topic's changes from then on, until
    /// <see cref="UnwatchAsync"/> with the same <paramref name="watcher"/> (one per activation).
    /// </summary>
    public Task<IReadOnlyList<PresenceReport>> WatchAsync(IReadOnlyList<SiloAddress> silos, Topic topic, Guid watcher) =>
        GatherAsync(silos, topic, s => s.WatchAsync(topic, watcher));

    /// <summary>Stops the reports <see cref="WatchAsync"/> started; waits at most <see cref="QuestionTimeout"/>.</summary>
    public async Task UnwatchAsync(IReadOnlyList<SiloAddress> silos, Topic topic, Guid watcher)
    {
        try
        {
            await Task.WhenAll(silos.Select(s => Connections(s).UnwatchAsync(topic, watcher))).WaitAsync(QuestionTimeout);
        }
        catch (Exception error)
        {
            // A silo that missed it reports to the next activation, which watches anew: harmless.
            LogUnwatchFailed(error, topic.ToString());
        }
    }

    private async Task<IReadOnlyList<PresenceReport>> GatherAsync(
        IReadOnlyList<SiloAddress> silos, Topic topic, Func<ISiloConnectionsGrain, Task<PresenceReport>> question)
    {
        var questions = silos.Select(s => question(Connections(s))).ToArray();
        try
        {
            await Task.WhenAll(questions).WaitAsync(QuestionTimeout);
        }
        catch (Exception error)
        {
            LogAskFailed(error, topic.ToString());
        }

        return [.. questions.Where(q => q.IsCompletedSuccessfully).Select(q => q.Result)];
    }

    private ISiloConnectionsGrain Connections(SiloAddress silo) => grains.Reference<ISiloConnectionsGrain>(SiloKeys.Connections(silo));

    private async Task PumpAsync(SiloAddress silo, Outbox outbox)
    {
        var target = Connections(silo);
        while (outbox.Queue.Count > 0)
        {
            var batch = outbox.Queue.ToArray();
            outbox.Queue.Clear();
            outbox.Dropping = false;
            bool delivered;
            try
            {
                delivered = await target.DeliverAsync(batch);
            }
            catch (Exception error)
            {
                LogDeliveryFailed(error, silo, batch.Length);
                continue;
            }

            if (!delivered)
            {
                outbox.Queue.Clear();
                _outboxes.Remove(silo);
                siloGone(silo);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Count} event(s) to silo {Silo}; its clients catch up by seq")]
    private partial void LogDeliveryFailed(Exception error, SiloAddress silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} is {Max} events behind; further events are dropped for it until it catches up")]
    private partial void LogOverflow(SiloAddress silo, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not every silo confirmed that it stopped reporting {Topic}; a late one reports to the next activation")]
    private partial void LogUnwatchFailed(Exception error, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking the silos who listens to {Topic} did not fully succeed; late silos report by themselves")]
    private partial void LogAskFailed(Exception error, string topic);

    private sealed class Outbox
    {
        public List<ChatEvent> Queue { get; } = [];

        public Task? Pump { get; set; }

        public bool Dropping { get; set; }
    }
}
