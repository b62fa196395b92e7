using System.Collections.Concurrent;
using Orleans.Storage;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Wraps the grain storage of the in-process test cluster so a test can make chosen writes (and clears) of one grain
/// fail, and count each grain's writes. Static, because the test cluster's silos run in this process.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, Plan> Plans = new();
    private static readonly ConcurrentDictionary<string, int> Writes = new();

    /// <summary>Writes and clears so far of the grain whose key is <paramref name="grainKey"/>.</summary>
    public static int WritesOf(string grainKey) => Writes.GetValueOrDefault(grainKey);

    /// <summary>
    /// Of the next writes and clears of the grain whose id contains <paramref name="grainKey"/>, lets
    /// <paramref name="skip"/> through, then fails <paramref name="count"/>; storage works normally after that.
    /// </summary>
    public static void FailWrites(string grainKey, int skip, int count) => Plans[grainKey] = new Plan(skip, count);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        FailIfPlanned(grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        FailIfPlanned(grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private static void FailIfPlanned(GrainId grainId)
    {
        var key = grainId.Key.ToString() ?? "";
        Writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        foreach (var (grainKey, plan) in Plans)
        {
            if (key.Contains(grainKey, StringComparison.Ordinal) && plan.Next())
            {
                throw new IOException($"Injected grain storage failure for {grainId}.");
            }
        }
    }

    private sealed class Plan(int skip, int count)
    {
        private int _seen;

        /// <summary>Whether this operation fails.</summary>
        public bool Next()
        {
            var n = Interlocked.Increment(ref _seen);
            return n > skip && n <= skip + count;
        }
    }
}
