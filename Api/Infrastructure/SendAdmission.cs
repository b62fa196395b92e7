using System.Threading.RateLimiting;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>
/// The front silo's admission control for sends (hub <c>SendMessage</c>, REST posts of messages): at most
/// <see cref="ChatApiOptions.MaxConcurrentSends"/> are on their way to the grains at once; a few more
/// (<see cref="ChatApiOptions.MaxQueuedSends"/>) wait for a slot, at most <see cref="ChatApiOptions.SendQueueTimeout"/>;
/// the rest are refused <c>Unavailable</c> at once (503 with <c>Retry-After</c> over REST). A slot is held until the
/// grain call ends, even when the caller was already answered at its deadline: the count is the work really in the
/// silo, so an overloaded silo sheds new sends instead of piling calls up behind slow ones.
/// </summary>
public sealed class SendAdmission : IDisposable
{
    public const string BusyMessage = "The server is busy. Try again in a second; resend with the same clientMessageId.";

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _queueTimeout;
    private readonly bool _queues;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;

    public SendAdmission(IOptions<ChatApiOptions> options, ChatMetrics metrics, TimeProvider time)
    {
        var limits = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentSends,
            QueueLimit = limits.MaxQueuedSends,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _queueTimeout = limits.SendQueueTimeout;
        _queues = limits.MaxQueuedSends > 0 && _queueTimeout > TimeSpan.Zero;
        _metrics = metrics;
        metrics.ObserveSendAdmission(() => Statistics.CurrentAvailablePermits, () => Statistics.CurrentQueuedCount);
        _time = time;
    }

    /// <summary>Slots free and sends waiting right now (also the gauges <c>chat.send.slots.free</c> and <c>chat.send.queued</c>).</summary>
    public RateLimiterStatistics Statistics => _limiter.GetStatistics() ?? new RateLimiterStatistics();

    /// <summary>Runs <paramref name="send"/> in a slot, or throws an <c>Unavailable</c> <see cref="ChatException"/> when none comes free in time.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> send)
    {
        using var lease = await AcquireAsync();
        return await send();
    }

    private async ValueTask<RateLimitLease> AcquireAsync()
    {
        var started = _time.GetTimestamp();
        RateLimitLease? lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired && _queues)
        {
            lease.Dispose();
            lease = await WaitInQueueAsync();
        }

        var admitted = lease is { IsAcquired: true };
        _metrics.RecordSendAdmission(_time.GetElapsedTime(started), admitted);
        if (!admitted)
        {
            lease?.Dispose();
            throw new ChatException(ChatErrorCode.Unavailable, BusyMessage);
        }

        return lease!;
    }

    /// <summary>A slot within the queue timeout; a failed lease when the queue is full; null when the timeout passed.</summary>
    private async ValueTask<RateLimitLease?> WaitInQueueAsync()
    {
        using var timeout = new CancellationTokenSource(_queueTimeout, _time);
        try
        {
            return await _limiter.AcquireAsync(1, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
