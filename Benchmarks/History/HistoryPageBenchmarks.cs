using BenchmarkDotNet.Attributes;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Rooms;
using Chat.Silo.Storage.Sqlite;

namespace Chat.Benchmarks.History;

/// <summary>
/// One history page of a room with 10,000 messages, served from the room grain's in-memory window (its last 100
/// messages) and from the embedded SQLite store. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class HistoryPageBenchmarks
{
    public const int MessageCount = 10_000;
    public const int WindowSize = 100;
    public const int PageSize = 50;
    private const string RoomId = "bench-room";

    private string _directory = "";
    private SqliteDatabase? _database;
    private SqliteMessageLog? _log;
    private RecentWindow _window = new(WindowSize);
    private MessageQuery _query = MessageQuery.Newest(PageSize);

    [Params(HistoryPage.Newest, HistoryPage.AfterSeq)]
    public HistoryPage Page { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _directory = ScratchDirectory.Create();
        _database = new SqliteDatabase(Path.Combine(_directory, "chat.db"));
        _log = new SqliteMessageLog(_database);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var messages = Enumerable.Range(1, MessageCount)
            .Select(seq => new ChatMessage(
                RoomId, seq, Guid.NewGuid().ToString("N"), $"user{seq % 20}",
                $"Message {seq}: a line of chat about the same length as a real one.", start.AddSeconds(seq), $"c{seq}"))
            .ToList();
        foreach (var batch in messages.Chunk(500))
        {
            await _log.AppendAsync(RoomId, batch);
        }

        _window = new RecentWindow(WindowSize);
        _window.Reset(messages);
        _query = Page == HistoryPage.Newest
            ? MessageQuery.Newest(PageSize)
            : new MessageQuery(MessageCount - 80, null, PageSize);

        if (!_window.TryRead(_query, out var fromWindow) || fromWindow.Count != PageSize
            || (await _log.ReadAsync(RoomId, _query)).Select(m => m.Seq).SequenceEqual(fromWindow.Select(m => m.Seq)) is false)
        {
            throw new InvalidOperationException("The window and the store do not answer the same page.");
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _database?.Dispose();
        ScratchDirectory.Delete(_directory);
    }

    [Benchmark(Baseline = true, Description = "RecentWindow.TryRead")]
    public IReadOnlyList<ChatMessage> FromWindow()
    {
        _window.TryRead(_query, out var page);
        return page;
    }

    [Benchmark(Description = "SqliteMessageLog.ReadAsync")]
    public Task<IReadOnlyList<ChatMessage>> FromSqlite() => _log!.ReadAsync(RoomId, _query);
}
