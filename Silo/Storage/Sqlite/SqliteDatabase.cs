using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (WAL mode) holding grain state, message history and the room directory.
/// </summary>
/// <remarks>
/// <para>
/// Its I/O runs off the Orleans scheduler on purpose. Microsoft.Data.Sqlite has no asynchronous I/O (its *Async
/// methods run synchronously), so a write made from a grain's turn would hold one of the scheduler's few threads
/// for the whole fsync, and many rooms committing at once would take turns on SQLite's single write lock while
/// holding those threads.
/// </para>
/// <para>
/// Writes therefore go through a bounded channel to ONE writer: a dedicated thread owning a long-lived connection
/// with its statements prepared once. It drains everything queued into one transaction (every room's appends and
/// updates, grain state, the directory), gives each request a savepoint so that a request that throws (a room's
/// duplicate seq, a stale ETag) is rolled back and fails alone, and completes each caller's task only after
/// COMMIT has returned: acknowledged means durable, and N rooms committing together cost one commit, not N.
/// A request cancelled while still queued is skipped and its task cancelled.
/// </para>
/// <para>
/// The WAL is copied into the database by a thread of its own (<see cref="SqliteCheckpointer"/>), not by the writer
/// in the middle of a commit.
/// </para>
/// <para>
/// Reads run on the thread pool, each on a reader connection kept open in a small pool (PRAGMAs applied once
/// when it is opened); WAL lets them proceed while the writer commits. A read whose token has fired does not start.
/// </para>
/// <para>
/// Disposal (by the host's container, after the silo has stopped and written its last grain state) completes the
/// channel, lets the writer commit everything already queued, then closes the connections.
/// </para>
/// </remarks>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            provider   TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            etag       INTEGER NOT NULL,
            data       BLOB    NOT NULL,
            PRIMARY KEY (provider, state_name, grain_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS messages (
            room_id           TEXT    NOT NULL,
            seq               INTEGER NOT NULL,
            id                TEXT    NOT NULL,
            author            TEXT    NOT NULL,
            text              TEXT    NOT NULL,
            sent_at_ms        INTEGER NOT NULL,
            client_message_id TEXT,
            edited_at_ms      INTEGER,
            deleted           INTEGER NOT NULL DEFAULT 0,
            tags              TEXT,
            key_id            TEXT,
            PRIMARY KEY (room_id, seq)
        ) WITHOUT ROWID;
        DROP INDEX IF EXISTS messages_by_client_id;
        CREATE TABLE IF NOT EXISTS room_directory (
            room_id    TEXT    NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            topic      TEXT,
            is_private INTEGER NOT NULL,
            owner      TEXT    NOT NULL,
            name_key   TEXT    NOT NULL,
            topic_key  TEXT
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS room_directory_by_name
            ON room_directory (name_key, room_id) WHERE is_private = 0;
        CREATE INDEX IF NOT EXISTS room_directory_by_topic
            ON room_directory (topic_key, room_id) WHERE is_private = 0 AND topic_key IS NOT NULL;
        """;

    /// <summary>The connections that write (the writer's and the checkpointer's).</summary>
    private const string WriterPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    /// <summary>Requests the channel holds before callers wait for room (back-pressure, not a limit on batches).</summary>
    private const int QueueCapacity = 4096;

    /// <summary>Requests per transaction at most, so one huge backlog does not become one huge transaction.</summary>
    private const int MaxBatch = 1024;

    private readonly string _connectionString;
    private readonly Channel<SqliteWriteRequest> _queue = Channel.CreateBounded<SqliteWriteRequest>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true });
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SqliteCheckpointer _checkpointer;
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private readonly int _maxIdleReaders = Math.Max(2, Environment.ProcessorCount * 2);
    private int _idleReaderCount;
    private int _disposed;
    private long _commits;

    public SqliteDatabase(string filePath, ILogger<SqliteDatabase>? logger = null)
        : this(filePath, logger, SqliteCheckpointSettings.Default)
    {
    }

    internal SqliteDatabase(string filePath, ILogger? logger, SqliteCheckpointSettings checkpoints)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        FilePath = filePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The writer and the readers keep their own connections open; nothing to pool behind them.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();

        var writer = Open($"{WriterPragmas} PRAGMA wal_autocheckpoint = {checkpoints.SafetyNetPages};");
        try
        {
            using (var command = writer.CreateCommand())
            {
                command.CommandText = Schema;
                command.ExecuteNonQuery();
            }

            AddMissingColumns(writer);
            _checkpointer = new SqliteCheckpointer(Open(WriterPragmas), checkpoints, logger ?? NullLogger.Instance);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        new Thread(() => RunWriter(writer)) { IsBackground = true, Name = "SQLite writer" }.Start();
    }

    public string FilePath { get; }

    /// <summary>Transactions the writer has committed so far: one per batch, however many requests it held.</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Checkpoints run off the writer, and by the writer to finish one (see <see cref="SqliteCheckpointer"/>).</summary>
    internal (long Passes, long Finishes) Checkpoints => (_checkpointer.Passes, _checkpointer.Finishes);

    /// <summary>Requests waiting for the writer.</summary>
    internal int QueuedWrites => _queue.Reader.Count;

    /// <summary>
    /// Queues <paramref name="work"/> for the writer and completes after the transaction holding it has committed.
    /// The work runs on the writer thread inside its own savepoint: if it throws, its changes are undone and the
    /// exception is this call's alone. Cancelled before the writer takes it, nothing is written.
    /// </summary>
    public async Task WriteAsync(Action<SqliteWriteBatch> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new SqliteWriteRequest(work, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }

        await request.Task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="WriteAsync(Action{SqliteWriteBatch}, CancellationToken)"/>
    public async Task<T> WriteAsync<T>(Func<SqliteWriteBatch, T> work, CancellationToken cancellationToken)
    {
        T result = default!;
        await WriteAsync(batch => { result = work(batch); }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="read"/> on the thread pool with a reader connection, unless cancelled first.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var connection = RentReader();
                try
                {
                    return read(connection);
                }
                finally
                {
                    ReturnReader(connection);
                }
            },
            cancellationToken);

    private SqliteConnection RentReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_idleReaders.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            return connection;
        }

        return Open("PRAGMA busy_timeout = 30000; PRAGMA query_only = 1;");
    }

    private void ReturnReader(SqliteConnection connection)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            if (Interlocked.Increment(ref _idleReaderCount) <= _maxIdleReaders)
            {
                _idleReaders.Add(connection);
                if (Volatile.Read(ref _disposed) != 0)
                {
                    CloseReaders(); // disposed while this read ran: do not leave the connection open in the bag
                }

                return;
            }

            Interlocked.Decrement(ref _idleReaderCount);
        }

        connection.Dispose();
    }

    /// <summary>Opens a connection and applies its PRAGMAs, once for its life.</summary>
    private SqliteConnection Open(string pragmas)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = pragmas;
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The writer thread: one batch per wake-up, until the channel is completed and drained.</summary>
    private void RunWriter(SqliteConnection connection)
    {
        try
        {
            using var batch = new SqliteWriteBatch(connection);
            using var queued = new ManualResetEventSlim(initialState: false, spinCount: 0);
            Action signal = queued.Set;
            var reader = _queue.Reader;
            var requests = new List<SqliteWriteRequest>(MaxBatch);
            while (WaitToRead(reader, queued, signal))
            {
                requests.Clear();
                while (requests.Count < MaxBatch && reader.TryRead(out var request))
                {
                    if (request.TryTake())
                    {
                        requests.Add(request);
                    }
                }

                if (requests.Count > 0)
                {
                    WriteBatch(batch, requests);
                    _checkpointer.Committed();
                    _checkpointer.TryFinish(connection);
                }
            }
        }
        finally
        {
            connection.Dispose();
            _checkpointer.Dispose();
            _writerStopped.TrySetResult();
        }
    }

    /// <summary>
    /// Blocks the writer thread (its own, not the scheduler's) until a request is queued or the channel completes.
    /// It sleeps at once instead of spinning first as <c>Task.Wait</c> does: on a silo with one core the spin only
    /// took the core from the threads that queue the next request (the writer spun and yielded after every commit).
    /// The request that ends the wait sets the event itself, inline (the channel allows synchronous continuations,
    /// and setting an event is all this one does), instead of through a thread-pool work item.
    /// </summary>
    private static bool WaitToRead(ChannelReader<SqliteWriteRequest> reader, ManualResetEventSlim queued, Action signal)
    {
        var wait = reader.WaitToReadAsync();
        if (!wait.IsCompleted)
        {
            queued.Reset();
            wait.GetAwaiter().UnsafeOnCompleted(signal);
            queued.Wait();
        }

        return wait.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes <paramref name="requests"/> in one transaction, each in a savepoint. A request that throws is rolled
    /// back to its savepoint and failed alone; if the transaction itself fails (BEGIN, a savepoint, COMMIT), every
    /// request of the batch fails and nothing of it is acknowledged.
    /// </summary>
    private void WriteBatch(SqliteWriteBatch batch, List<SqliteWriteRequest> requests)
    {
        try
        {
            batch.Begin();
            foreach (var request in requests)
            {
                batch.Save();
                try
                {
                    request.Execute(batch);
                }
                catch (Exception error)
                {
                    batch.Undo();
                    request.Fail(error);
                    continue;
                }

                batch.Release();
            }

            batch.Commit();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception error)
        {
            batch.Rollback();
            foreach (var request in requests)
            {
                request.Fail(error);
            }

            return;
        }

        foreach (var request in requests)
        {
            request.Complete();
        }
    }

    /// <summary>Brings a store made by an earlier version up to date (columns are only ever added).</summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('messages')";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        string[][] columns = [["edited_at_ms", "INTEGER"], ["deleted", "INTEGER NOT NULL DEFAULT 0"], ["tags", "TEXT"], ["key_id", "TEXT"]];
        foreach (var column in columns.Where(c => !existing.Contains(c[0])))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE messages ADD COLUMN {column[0]} {column[1]}";
            alter.ExecuteNonQuery();
        }
    }

    /// <summary>Stops taking writes, lets the writer commit everything queued, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerStopped.Task.ConfigureAwait(false);
        CloseReaders();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writerStopped.Task.GetAwaiter().GetResult();
        CloseReaders();
    }

    private void CloseReaders()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idleReaders.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
