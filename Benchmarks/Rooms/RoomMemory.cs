using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Benchmarks.Rooms;

/// <summary>
/// <c>room-memory [rooms] [messages]</c>: memory per active room grain, with an empty recent window and with a full
/// one (100 messages of 100 characters, <c>Chat:Rooms:RecentWindowSize</c>). Starts an embedded silo, activates the
/// rooms, then posts <c>messages</c> (default 100: one full window) to each, and reads the managed heap (after a full,
/// compacting GC) and the process's working set before, between and after. More messages than the window show a room
/// in its steady state: the window stays at 100, while the idempotency index keeps the client message ids of the last
/// <c>Chat:Rooms:IdempotencyHorizon</c> (1,000). Analysis is off so that nothing is in flight while memory is read; it keeps no state
/// per room.
/// </summary>
public static class RoomMemory
{
    public const string Command = "room-memory";
    public const int DefaultRooms = 1_000;
    public const int MaxRooms = 10_000;
    public const int WindowSize = 100;
    public const int MaxMessages = 2_000;
    private const int MaxPosts = 1_000_000;
    private const int RoomsPerOwner = 1_000; // Chat:Users:MaxRooms
    private const int RoomsAtOnce = 100;
    private const int WarmUpRooms = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 2
            || !TryParse(args, 0, DefaultRooms, 1, MaxRooms, out var rooms)
            || !TryParse(args, 1, WindowSize, WindowSize, MaxMessages, out var messages)
            || (long)rooms * messages > MaxPosts)
        {
            await Console.Error.WriteLineAsync(
                $"usage: {Command} [rooms] [messages]   rooms 1 to {MaxRooms:N0} (default {DefaultRooms:N0}), messages per room {WindowSize} to {MaxMessages:N0} (default {WindowSize}), at most {MaxPosts:N0} posts in all");
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
        await ForEachBatchAsync(WarmUpRooms, i => FillAsync(silo, $"bench-w{i}", "bench-warmup", messages));

        var baseline = MemorySnapshot.Take();
        var ids = Enumerable.Range(0, rooms).Select(i => $"bench-r{i:D5}").ToArray();
        await ForEachBatchAsync(rooms, i => silo.CreateRoomAsync(ids[i], owners[i / RoomsPerOwner]));
        var empty = MemorySnapshot.Take();
        await ForEachBatchAsync(rooms, i => PostAsync(silo.Grains.GetGrain<IRoomGrain>(ids[i]), owners[i / RoomsPerOwner], messages));
        var full = MemorySnapshot.Take();

        var check = await silo.Grains.GetGrain<IRoomGrain>(ids[^1]).GetHistoryAsync(owners[^1], MessageQuery.Newest(WindowSize));
        if (check.Count != WindowSize || check.Any(m => m.Text.Length != SampleText.Length))
        {
            await Console.Error.WriteLineAsync($"The last room holds {check.Count} messages, not a full window of {WindowSize}.");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rooms:N0} active rooms, {messages:N0} messages of {SampleText.Length} characters posted to each (window {WindowSize}), in {clock.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine("| rooms | GC heap per room | working set per room |");
        Console.WriteLine("| --- | ---: | ---: |");
        Report("empty window", baseline, empty, rooms);
        Report($"full window ({messages:N0} messages posted)", baseline, full, rooms);
        Report("the messages' share (full - empty)", empty, full, rooms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GC heap: {Mib(baseline.HeapBytes)} -> {Mib(empty.HeapBytes)} -> {Mib(full.HeapBytes)} MiB; working set: {Mib(baseline.WorkingSetBytes)} -> {Mib(empty.WorkingSetBytes)} -> {Mib(full.WorkingSetBytes)} MiB ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        return 0;
    }

    private static bool TryParse(string[] args, int index, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return args.Length <= index
            || (int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static async Task FillAsync(EmbeddedSilo silo, string roomId, string owner, int messages) =>
        await PostAsync(await silo.CreateRoomAsync(roomId, owner), owner, messages);

    /// <summary>Posts one message at a time, each with a text and a client message id of its own.</summary>
    private static async Task PostAsync(IRoomGrain room, string author, int messages)
    {
        for (var n = 1; n <= messages; n++)
        {
            await room.PostAsync(author, SampleText.Of(n), SampleText.ClientMessageId());
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
