using System.Diagnostics;
using Chat.Grains.Telemetry;
using Orleans.Storage;

namespace Chat.Silo.Telemetry;

/// <summary>
/// Counts every request to the grain storage it wraps (<c>chat.store.requests</c>) and times its writes and clears
/// (<c>chat.store.write.duration</c>), tagged with the store.
/// </summary>
public sealed class MeteredGrainStorage(IGrainStorage inner, ChatMetrics metrics, string store) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.StateRead);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.StateWrite);
        var started = Stopwatch.GetTimestamp();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        metrics.RecordStoreWrite(store, "state", Stopwatch.GetElapsedTime(started));
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        metrics.RecordStoreRequest(store, StoreRequestKinds.StateClear);
        var started = Stopwatch.GetTimestamp();
        await inner.ClearStateAsync(stateName, grainId, grainState);
        metrics.RecordStoreWrite(store, "clear", Stopwatch.GetElapsedTime(started));
    }
}
