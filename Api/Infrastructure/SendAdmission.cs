using System.Threading.RateLimiting;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>
/// The front silo's admission control for sends (hub <c>SendMessage</c>, REST posts of messages): at most
/// <see cref="ChatApiOptions.MaxConcurrentSends"/> are on their way to the grains at once; a few more
/// (<see cref="ChatApiOptions.MaxQueuedSends"/>) wait for a slot, at most <see cref="ChatApiOptions.SendQueueTimeout"/>;
/// the rest are refused <c>Unavailable</c> at once (503 with <c>Retry-After</c> over REST). While sends are slow (longer
/// than <see cref="ChatApiOptions.SendLatencyTarget"/>, counting the thread pool's queueing delay that a request meets
/// before the hub runs it) fewer are let in (<see cref="SendLatencyLimit"/>), so a
/// saturated silo refuses at once what it cannot serve in time, even when its slots never fill. A slot is held until
/// the grain call ends, even when the caller was already answered at its deadline: the count is the work really in the
/// silo, so an overloaded silo sheds new sends instead of piling calls up behind slow ones.
/// </summary>
public sealed partial class SendAdmission : IDisposable
{
    public const string BusyMessage = "The server is busy. Try again in a second; resend with the same clientMessageId.";

    private readonly ConcurrencyLimiter _limiter;
    private readonly SendLatencyLimit _latency;
    private readonly int _fullLimit;
    private readonly TimeSpan _queueTimeout;
    private readonly TimeSpan _latencyTarget;
    private readonly bool _queues;
    private readonly ChatMetrics _metrics;
    private readonly ILogger<SendAdmission> _logger;
    private readonly TimeProvider _time;

    /// <summary>How often, while sends arrive, the thread pool's queueing delay is measured again.</summary>
    private static readonly TimeSpan LagProbePeriod = TimeSpan.FromMilliseconds(100);

    private long _lastLagProbe;
    private int _probingLag;
    private long _poolLagTicks;

    public SendAdmission(IOptions<ChatApiOptions> options, ChatMetrics metrics, TimeProvider time, ILogger<SendAdmission> logger)
    {
        var limits = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentSends,
            QueueLimit = limits.MaxQueuedSends,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _fullLimit = limits.MaxConcurrentSends + limits.MaxQueuedSends;
        _latencyTarget = limits.SendLatencyTarget;
        _latency = new SendLatencyLimit(_fullLimit, Math.Min(limits.MinConcurrentSends, limits.MaxConcurrentSends), _latencyTarget, time);
        _queueTimeout = limits.SendQueueTimeout;
        _queues = limits.MaxQueuedSends > 0 && _queueTimeout > TimeSpan.Zero;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveSendAdmission(() => Statistics.CurrentAvailablePermits, () => Statistics.CurrentQueuedCount, () => Limit);
        _time = time;
    }

    /// <summary>Sends let in at once now (running and waiting for a slot); below the slots and queue while sends are slow.</summary>
    public int Limit => _latency.Current;

    /// <summary>Slots free and sends waiting right now (also the gauges <c>chat.send.slots.free</c> and <c>chat.send.queued</c>).</summary>
    public RateLimiterStatistics Statistics => _limiter.GetStatistics() ?? new RateLimiterStatistics();

    /// <summary>Runs <paramref name="send"/> in a slot, or throws an <c>Unavailable</c> <see cref="ChatException"/> when none comes free in time.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> send)
    {
        var started = _time.GetTimestamp();
        ProbePoolLag(started);
        if (!_latency.TryEnter())
        {
            _metrics.RecordSendAdmission(TimeSpan.Zero, admitted: false);
            throw new ChatException(ChatErrorCode.Unavailable, BusyMessage);
        }

        RateLimitLease lease;
        try
        {
            lease = await AcquireAsync(started);
        }
        catch
        {
            _latency.Leave();
            throw;
        }

        try
        {
            return await send();
        }
        finally
        {
            lease.Dispose();
            // What the sender waits is this send's time plus what its request waited, unseen, before the hub ran it:
            // about the thread pool's queueing delay (large when the core is saturated by deliveries).
            var took = _time.GetElapsedTime(started) + TimeSpan.FromTicks(Volatile.Read(ref _poolLagTicks));
            if (_latency.Exit(took) is { } change)
            {
                LogLimitChange(change);
            }
        }
    }

    /// <summary>
    /// At most every <see cref="LagProbePeriod"/> while sends arrive (never when idle), queues a work item to the thread
    /// pool's global queue and records how long it waited to run.
    /// </summary>
    private void ProbePoolLag(long now)
    {
        var sinceLast = _time.GetElapsedTime(Volatile.Read(ref _lastLagProbe), now);
        if (sinceLast < LagProbePeriod || Interlocked.Exchange(ref _probingLag, 1) == 1)
        {
            return;
        }

        if (sinceLast > 10 * LagProbePeriod)
        {
            // Sends resume after a pause: the last figure is about another moment.
            Volatile.Write(ref _poolLagTicks, 0);
        }

        Volatile.Write(ref _lastLagProbe, now);
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var (admission, queued) = state;
                Volatile.Write(ref admission._poolLagTicks, admission._time.GetElapsedTime(queued).Ticks);
                Volatile.Write(ref admission._probingLag, 0);
            },
            (this, now),
            preferLocal: false);
    }

    private void LogLimitChange(SendLimitChange change)
    {
        if (change.To < change.From && change.From == _fullLimit)
        {
            LogSlowSends(_logger, change.Slow, change.Ended, _latencyTarget.TotalMilliseconds, change.To);
        }
        else if (change.To == _fullLimit)
        {
            LogSendsFastAgain(_logger, change.To);
        }
        else
        {
            LogLimitMoved(_logger, change.From, change.To, change.Slow, change.Ended);
        }
    }

    private async ValueTask<RateLimitLease> AcquireAsync(long started)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sends are slow ({Slow} of {Ended} took longer than {TargetMs} ms): this silo now lets in {Limit} at once and refuses the rest until they are fast again")]
    private static partial void LogSlowSends(ILogger logger, int slow, int ended, double targetMs, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sends are fast again: this silo lets in {Limit} at once")]
    private static partial void LogSendsFastAgain(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Send limit {From} -> {To} ({Slow} of {Ended} sends slow)")]
    private static partial void LogLimitMoved(ILogger logger, int from, int to, int slow, int ended);
}
