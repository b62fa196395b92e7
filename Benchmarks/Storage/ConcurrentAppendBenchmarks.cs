using BenchmarkDotNet.Attributes;
using Chat.Grains.Abstractions.Messages;
using Chat.Silo.Storage.Sqlite;

namespace Chat.Benchmarks.Storage;

/// <summary>
/// 100 rooms each appending a one-message batch to the embedded SQLite store at the same time, as 100 room grains
/// committing together would: each append starts on a thread-pool thread and the round ends when every append is
/// acknowledged. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentAppendBenchmarks
{
    public const int RoomCount = 100;

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _rooms = Enumerable.Range(0, RoomCount).Select(i => $"bench-room-{i}").ToArray();
    private string _directory = "";
    private SqliteDatabase? _database;
    private SqliteMessageLog? _log;
    private long _seq;

    [GlobalSetup]
    public void SetUp()
    {
        _directory = ScratchDirectory.Create();
        _database = new SqliteDatabase(Path.Combine(_directory, "chat.db"));
        _log = new SqliteMessageLog(_database);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _database?.Dispose();
        ScratchDirectory.Delete(_directory);
    }

    /// <summary>One round: every room appends its next message; the round ends when all are acknowledged.</summary>
    [Benchmark(Description = "100 rooms x 1-message append", OperationsPerInvoke = RoomCount)]
    public Task AppendFromEveryRoomAsync()
    {
        var seq = ++_seq;
        var log = _log!;
        return Task.WhenAll(_rooms.Select(room => Task.Run(() => log.AppendAsync(
            room,
            [new ChatMessage(room, seq, Guid.NewGuid().ToString("N"), "bench", "A line of chat about the same length as a real one.", Start.AddSeconds(seq), null)]))));
    }
}
