using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Listens to <c>chat.store.requests</c> of one host (its <see cref="IMeterFactory"/>: other hosts in this test process
/// are not counted) and tallies the requests by kind.
/// </summary>
public sealed class StoreRequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public StoreRequestCounter(IMeterFactory host)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "chat.store.requests" && ReferenceEquals(instrument.Meter.Scope, host))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind" && tag.Value is string kind)
                {
                    _counts.AddOrUpdate(kind, value, (_, n) => n + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The requests counted since the last call, by kind, and starts counting afresh.</summary>
    public IReadOnlyDictionary<string, long> Take()
    {
        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in _counts.Keys)
        {
            if (_counts.TryRemove(kind, out var count))
            {
                taken[kind] = count;
            }
        }

        return taken;
    }

    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    public void Dispose() => _listener.Dispose();
}
