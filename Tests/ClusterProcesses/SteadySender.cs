using Chat.Grains.Abstractions.Messages;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// Sends one message after another the way the client contract says: each waits for its acknowledgement (the stored
/// message), and one that is not acknowledged (error or no answer in time) is sent again with the same
/// <c>clientMessageId</c>, so the room stores it once. Bounded: each message has a deadline, and the loop stops when told.
/// </summary>
public sealed class SteadySender(string name, Func<string, string, CancellationToken, Task<ChatMessage>> send, TimeSpan pause)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MessageDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private readonly List<AckedMessage> _acked = [];
    private readonly List<string> _errors = [];
    private int _retries;

    public string Name => name;

    public IReadOnlyList<AckedMessage> Acked
    {
        get
        {
            lock (_lock)
            {
                return [.. _acked];
            }
        }
    }

    /// <summary>Sends retried because the previous attempt failed or went unanswered.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>The first few errors seen, for the test's report.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Sends until <paramref name="stop"/> is cancelled; the message in flight then is still sent to its acknowledgement.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            await SendOneAsync($"{name}-{n}", $"{name} #{n}");
            try
            {
                // Pacing of the load, not a wait for an event.
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendOneAsync(string clientMessageId, string text)
    {
        var first = DateTimeOffset.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(AttemptTimeout);
            try
            {
                var stored = await send(text, clientMessageId, timeout.Token);
                lock (_lock)
                {
                    _acked.Add(new AckedMessage(stored, first, DateTimeOffset.UtcNow, attempt));
                }

                return;
            }
            catch (Exception error) when (error is HubException or TimeoutException or OperationCanceledException or HttpRequestException or InvalidOperationException or IOException)
            {
                Interlocked.Increment(ref _retries);
                lock (_lock)
                {
                    if (_errors.Count < 10)
                    {
                        _errors.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {clientMessageId} attempt {attempt}: {error.GetType().Name}: {error.Message}");
                    }
                }

                if (DateTimeOffset.UtcNow - first > MessageDeadline)
                {
                    throw new TimeoutException(
                        $"{name}: {clientMessageId} was not acknowledged within {MessageDeadline.TotalSeconds} s ({attempt} attempts). Errors: {string.Join(" | ", Errors)}",
                        error);
                }

                await Task.Delay(RetryPause);
            }
        }
    }
}
