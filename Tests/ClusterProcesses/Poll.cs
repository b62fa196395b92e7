using System.Diagnostics;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// Bounded polling for what nothing announces (a process becoming ready, a membership row changing). Every wait has
/// a limit and fails with a message that says what did not happen.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks <paramref name="condition"/> until it holds; returns how long that took.</summary>
    public static async Task<TimeSpan> UntilAsync(
        Func<Task<bool>> condition,
        TimeSpan timeout,
        string what,
        Func<string>? diagnostics = null,
        TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }

                last = null;
            }
            catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException or Amazon.Runtime.AmazonServiceException)
            {
                last = error;
            }

            if (clock.Elapsed >= timeout)
            {
                var detail = diagnostics?.Invoke();
                throw new TimeoutException(
                    $"Not {what} within {timeout.TotalSeconds:0.#} s.{(last is null ? "" : $" Last error: {last.Message}")}{(detail is null ? "" : "\n" + detail)}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string, Func{string}?, TimeSpan?)"/>
    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, diagnostics);
}
