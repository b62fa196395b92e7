using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Silo.Storage.Sqlite;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chat.Tests.Storage;

/// <summary>
/// The embedded store's single writer: what many callers queue together is committed in one transaction, each
/// request still succeeds or fails on its own, a request cancelled while queued is never written, and disposal
/// commits what was queued before it closes. Each test holds the writer inside a write of its own while it queues,
/// so that what it queues is one batch by construction, not by timing.
/// </summary>
public sealed class SqliteDatabaseTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    private readonly TempDirectory _directory = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteMessageLog _log;

    public SqliteDatabaseTests()
    {
        _database = new SqliteDatabase(DatabasePath);
        _log = new SqliteMessageLog(_database);
    }

    private string DatabasePath => Path.Combine(_directory.Path, "chat.db");

    [Fact]
    public async Task ConcurrentAppends_FromManyRooms_AreCommittedTogether_AndSurviveAReopen()
    {
        var rooms = Enumerable.Range(0, 100).Select(i => $"room-{i}").ToArray();
        var held = await HoldWriterAsync();
        var commitsBefore = _database.Commits;

        var appends = rooms.Select(room => Task.Run(() => _log.AppendAsync(room, [Message(room, 1)]))).ToArray();
        await Poll.UntilAsync(() => _database.QueuedWrites == appends.Length, Bound, "all 100 appends queued behind the held writer");
        held.Release();
        await Task.WhenAll(appends).WaitAsync(Bound);

        Assert.Equal(2, _database.Commits - commitsBefore); // the holding write's batch, then one for all 100 rooms
        await _database.DisposeAsync();
        await using var reopened = new SqliteDatabase(DatabasePath);
        var log = new SqliteMessageLog(reopened);
        foreach (var room in rooms)
        {
            Assert.Equal([Message(room, 1)], await log.ReadAsync(room, MessageQuery.Newest(10)));
        }
    }

    [Fact]
    public async Task Writes_RunOnTheWriterThread_AndReads_OnThePool()
    {
        var caller = Environment.CurrentManagedThreadId;

        var writer = await _database.WriteAsync(_ => (Thread.CurrentThread.Name, Environment.CurrentManagedThreadId), CancellationToken.None);
        var reader = await _database.ReadAsync(_ => (Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId), CancellationToken.None);

        Assert.Equal("SQLite writer", writer.Name);
        Assert.NotEqual(caller, writer.CurrentManagedThreadId);
        Assert.True(reader.IsThreadPoolThread);
        Assert.NotEqual(writer.CurrentManagedThreadId, reader.CurrentManagedThreadId);
    }

    [Fact]
    public async Task DuplicateSeq_InASharedBatch_FailsOnlyThatRoomsAppend()
    {
        var stored = Message("dup", 1, "first");
        await _log.AppendAsync("dup", [stored]);
        var held = await HoldWriterAsync();
        var commitsBefore = _database.Commits;

        var before = _log.AppendAsync("before", [Message("before", 1)]);
        var duplicate = _log.AppendAsync("dup", [Message("dup", 2), Message("dup", 1, "again")]);
        var after = _log.AppendAsync("after", [Message("after", 1)]);
        held.Release();

        await Assert.ThrowsAsync<DuplicateSeqException>(() => duplicate.WaitAsync(Bound));
        await Task.WhenAll(before, after).WaitAsync(Bound);
        Assert.Equal(2, _database.Commits - commitsBefore);
        Assert.Equal([stored], await _log.ReadAsync("dup", MessageQuery.Newest(10))); // seq 2 of the failed append rolled back too
        Assert.Equal([Message("before", 1)], await _log.ReadAsync("before", MessageQuery.Newest(10)));
        Assert.Equal([Message("after", 1)], await _log.ReadAsync("after", MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task Request_CancelledWhileQueued_IsNotWritten_AndItsTaskIsCancelled()
    {
        var held = await HoldWriterAsync();
        using var cancellation = new CancellationTokenSource();
        var cancelled = _log.AppendAsync("cancelled", [Message("cancelled", 1)], cancellation.Token);
        var kept = _log.AppendAsync("kept", [Message("kept", 1)]);

        await cancellation.CancelAsync();
        held.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        Assert.True(cancelled.IsCanceled);
        await kept.WaitAsync(Bound);
        Assert.Empty(await _log.ReadAsync("cancelled", MessageQuery.Newest(10)));
        Assert.Equal([Message("kept", 1)], await _log.ReadAsync("kept", MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task Read_WithACancelledToken_DoesNotStart()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var started = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _database.ReadAsync(_ => started = true, cancellation.Token));

        Assert.False(started);
    }

    [Fact]
    public async Task Dispose_CommitsWhatWasQueued_ThenRefusesNewWrites()
    {
        var held = await HoldWriterAsync();
        var appends = Enumerable.Range(1, 50).Select(seq => _log.AppendAsync("drained", [Message("drained", seq)])).ToArray();

        var disposing = _database.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted, "disposal finished while a write was still running");
        held.Release();
        await disposing.WaitAsync(Bound);

        Assert.All(appends, append => Assert.True(append.IsCompletedSuccessfully, "a queued append was not committed by disposal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _log.AppendAsync("late", [Message("late", 1)]));
        await using var reopened = new SqliteDatabase(DatabasePath);
        Assert.Equal(50, (await new SqliteMessageLog(reopened).ReadAsync("drained", MessageQuery.Newest(100))).Count);
    }

    [Fact]
    public async Task Update_OfAMissingMessage_RollsBackTheRowsItChangedBeforeIt()
    {
        var original = new[] { Message("edits", 1), Message("edits", 2) };
        await _log.AppendAsync("edits", original);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => _log.UpdateAsync("edits", [original[0] with { Text = "edited" }, Message("edits", 3)]));

        Assert.Equal(original, await _log.ReadAsync("edits", MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task UnderSteadyWrites_TheWalIsCopiedOffTheWriter_AndStartsOver_SoItsFileStaysSmall()
    {
        // The writer finishes the checkpointer's passes once the WAL reaches 1 MB here (the default is 32 MB); its own
        // checkpoint would start the WAL over only at 16 MB. 300 batches at 200 a second write about 30 MB of WAL
        // (each batch rewrites five rooms' table and index pages: a few times the server's rate at 9,500 deliveries/s),
        // while the passes run beside the commits.
        await _database.DisposeAsync();
        await using var database = new SqliteDatabase(Path.Combine(_directory.Path, "small.db"), null, new SqliteCheckpointSettings(256, 4_096));
        var log = new SqliteMessageLog(database);
        var text = new string('x', 400);
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        for (var seq = 1; seq <= 300; seq++)
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(room => log.AppendAsync($"wal-{room}", [Message($"wal-{room}", seq, text)])));
            await pace.WaitForNextTickAsync();
        }

        var (passes, finishes) = database.Checkpoints;
        Assert.True(finishes > 0, $"the writer finished none of {passes} passes");
        Assert.InRange(new FileInfo(Path.Combine(_directory.Path, "small.db-wal")).Length, 1, 8L << 20);
        Assert.Equal(300, (await log.ReadAsync("wal-3", MessageQuery.Newest(1))).Single().Seq);
    }

    [Fact]
    public async Task ClientMessageKeys_AreReadAlongThePrimaryKey_AndAnOlderDatabasesExtraIndexIsDropped()
    {
        await _log.AppendAsync("room", [Message("room", 1) with { ClientMessageId = "c1" }, Message("room", 2), Message("room", 3) with { ClientMessageId = "c3" }]);
        await _database.DisposeAsync();
        using (var older = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            older.Open();
            Execute(older, "CREATE INDEX messages_by_client_id ON messages (room_id, seq, author, client_message_id) WHERE client_message_id IS NOT NULL");
        }

        await using var reopened = new SqliteDatabase(DatabasePath);
        var log = new SqliteMessageLog(reopened);

        Assert.Equal([new ClientMessageKey(3, "alice", "c3")], await log.ReadClientMessageKeysAsync("room", 1));
        var (indexes, plan) = await reopened.ReadAsync(
            connection => (
                Query(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'"),
                Query(connection, "EXPLAIN QUERY PLAN " + SqliteMessageLog.ClientMessageKeysQuery.Replace("$r", "'room'", StringComparison.Ordinal).Replace("$after", "1", StringComparison.Ordinal), column: 3)),
            CancellationToken.None);
        Assert.Empty(indexes);
        Assert.Contains(plan, step => step.Contains("USING PRIMARY KEY (room_id=? AND seq>?)", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    private static ChatMessage Message(string room, long seq, string text = "hello") =>
        new(room, seq, $"{room}-{seq}", "alice", text, Epoch.AddSeconds(seq), null);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(SqliteConnection connection, string sql, int column = 0)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(column));
        }

        return rows;
    }

    /// <summary>Occupies the writer thread with a write that returns only when the result is released.</summary>
    private async Task<SemaphoreSlim> HoldWriterAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new SemaphoreSlim(0);
        _ = _database.WriteAsync(
            _ =>
            {
                entered.TrySetResult();
                if (!release.Wait(Bound))
                {
                    throw new TimeoutException("The test never released the writer.");
                }
            },
            CancellationToken.None);
        await entered.Task.WaitAsync(Bound);
        return release;
    }
}
