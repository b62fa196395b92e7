using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Rooms;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Benchmarks.Grains;

/// <summary>
/// Making a grain reference, which every hub send, fan-out push and analysis hand-off does: Orleans'
/// <c>GetGrain&lt;T&gt;(key)</c> resolves the interface type on each call, <see cref="GrainReferences.Reference{TGrain}(IGrainFactory, string)"/>
/// once per interface. Nothing is called on the grain.
/// </summary>
[MemoryDiagnoser]
public class GrainReferenceBenchmarks
{
    private EmbeddedSilo? _silo;
    private IGrainFactory _grains = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _silo = await EmbeddedSilo.StartAsync(analyzeMessages: false);
        _grains = _silo.Grains;
        if (_grains.Reference<IRoomGrain>("bench-room").GetGrainId() != _grains.GetGrain<IRoomGrain>("bench-room").GetGrainId())
        {
            throw new InvalidOperationException("Reference and GetGrain name different grains.");
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "GetGrain<IRoomGrain>(key)")]
    public IRoomGrain GetGrain() => _grains.GetGrain<IRoomGrain>("bench-room");

    [Benchmark(Description = "Reference<IRoomGrain>(key)")]
    public IRoomGrain Reference() => _grains.Reference<IRoomGrain>("bench-room");
}
