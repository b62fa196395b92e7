using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Benchmarks.Rooms;

/// <summary>
/// <c>room-memory [rooms]</c>: memory per active room grain, with an empty recent window and with a full one (100
/// messages of 100 characters, <c>Chat:Rooms:RecentWindowSize</c>). Starts an embedded silo, activates the rooms,
/// then fills each to a full window, and reads the managed heap (after a full, compacting GC) and the process's working
/// set before, between and after. Analysis is off so that nothing is in flight while memory is read; it keeps no state
/// per room.
/// </summary>
public static class RoomMemory
{
    public const string Command = "room-memory";
    public const int DefaultRooms = 1_000;
    public const int MaxRooms = 10_000;
    public const int WindowSize = 100;
    private const int RoomsPerOwner = 1_000; // Chat:Users:MaxRooms
    private const int RoomsAtOnce = 100;
    private const int WarmUpRooms = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1 || !TryParseRooms(args, out var rooms))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} [rooms]   (1 to {MaxRooms:N0}, default {DefaultRooms:N0})");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        await using var silo = await EmbeddedSilo.StartAsync(analyzeMessages: false);
        var owners = Enumerable.Range(0, (rooms + RoomsPerOwner - 1) / RoomsPerOwner).Select(i => $"bench-owner{i}").ToArray();
        foreach (var owner in owners.Append("bench-warmup"))
        {
            await silo.RegisterAsync(owner);
        }

        // The same work on a few rooms first, so that one-time costs (JIT, pools, the store's cache) fall before the baseline.
        await ForEachBatchAsync(WarmUpRooms, i => FillAsync(silo, $"bench-w{i}", "bench-warmup"));

        var baseline = MemorySnapshot.Take();
        var ids = Enumerable.Range(0, rooms).Select(i => $"bench-r{i:D5}").ToArray();
        await ForEachBatchAsync(rooms, i => silo.CreateRoomAsync(ids[i], owners[i / RoomsPerOwner]));
        var empty = MemorySnapshot.Take();
        await ForEachBatchAsync(rooms, i => PostWindowAsync(silo.Grains.GetGrain<IRoomGrain>(ids[i]), owners[i / RoomsPerOwner]));
        var full = MemorySnapshot.Take();

        var check = await silo.Grains.GetGrain<IRoomGrain>(ids[^1]).GetHistoryAsync(owners[^1], MessageQuery.Newest(WindowSize));
        if (check.Count != WindowSize || check.Any(m => m.Text.Length != SampleText.Length))
        {
            await Console.Error.WriteLineAsync($"The last room holds {check.Count} messages, not a full window of {WindowSize}.");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rooms:N0} active rooms, window {WindowSize} messages of {SampleText.Length} characters, in {clock.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine("| rooms | GC heap per room | working set per room |");
        Console.WriteLine("| --- | ---: | ---: |");
        Report("empty window", baseline, empty, rooms);
        Report("full window", baseline, full, rooms);
        Report("the window's share (full - empty)", empty, full, rooms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GC heap: {Mib(baseline.HeapBytes)} -> {Mib(empty.HeapBytes)} -> {Mib(full.HeapBytes)} MiB; working set: {Mib(baseline.WorkingSetBytes)} -> {Mib(empty.WorkingSetBytes)} -> {Mib(full.WorkingSetBytes)} MiB ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        return 0;
    }

    private static bool TryParseRooms(string[] args, out int rooms)
    {
        rooms = DefaultRooms;
        return args.Length == 0
            || (int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out rooms) && rooms is >= 1 and <= MaxRooms);
    }

    private static async Task FillAsync(EmbeddedSilo silo, string roomId, string owner) =>
        await PostWindowAsync(await silo.CreateRoomAsync(roomId, owner), owner);

    /// <summary>One full window, posted one message at a time, each with a text and a client message id of its own.</summary>
    private static async Task PostWindowAsync(IRoomGrain room, string author)
    {
        for (var n = 1; n <= WindowSize; n++)
        {
            await room.PostAsync(author, SampleText.Of(n), $"bench.{n}");
        }
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1, <see cref="RoomsAtOnce"/> at a time.</summary>
    private static async Task ForEachBatchAsync(int count, Func<int, Task> work)
    {
        for (var start = 0; start < count; start += RoomsAtOnce)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(RoomsAtOnce, count - start)).Select(work));
        }
    }

    private static void Report(string what, MemorySnapshot before, MemorySnapshot after, int rooms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {(after.HeapBytes - before.HeapBytes) / rooms:N0} B | {(after.WorkingSetBytes - before.WorkingSetBytes) / rooms:N0} B |"));

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
