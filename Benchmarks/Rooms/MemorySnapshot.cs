using System.Diagnostics;
using System.Runtime;

namespace Chat.Benchmarks.Rooms;

/// <summary>The live managed heap after a full, compacting collection, and the process's working set at that moment.</summary>
public readonly record struct MemorySnapshot(long HeapBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Take()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(heap, process.WorkingSet64);
    }
}
