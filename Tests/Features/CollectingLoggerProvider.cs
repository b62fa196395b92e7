using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Features;

/// <summary>Keeps every log entry written through it, with its structured state, for assertions.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<Waiter> _waiters = [];

    public ConcurrentQueue<Entry> Entries { get; } = new();

    /// <summary>
    /// The first entry that matches, already written or written within <paramref name="timeout"/>: for what is logged
    /// after the event a test can see (a log line written once a call returned to the other side).
    /// </summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan timeout, string what)
    {
        var waiter = new Waiter(match, new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            var written = Entries.FirstOrDefault(match);
            if (written is not null)
            {
                return written;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Written.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing logged {what} within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State, string? Exception = null);

    private sealed class Logger(CollectingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            provider.Add(new Entry(category, logLevel, formatter(state, exception), values.ToDictionary(p => p.Key, p => p.Value), exception?.ToString()));
        }
    }

    private void Add(Entry entry)
    {
        lock (_lock)
        {
            Entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)))
            {
                waiter.Written.TrySetResult(entry);
            }
        }
    }

    private sealed record Waiter(Func<Entry, bool> Match, TaskCompletionSource<Entry> Written);
}
