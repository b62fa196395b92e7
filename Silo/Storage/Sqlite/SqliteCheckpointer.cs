using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// Copies the store's write-ahead log into the database file on a thread of its own, so that the writer never waits
/// for it.
/// </summary>
/// <remarks>
/// <para>
/// Left to itself, SQLite checkpoints in the connection that commits, once the WAL holds 1,000 pages: the copy and
/// two fsyncs, 15-25 ms on the development machine, every half second at 9,500 deliveries/s, and every room's append
/// waits behind them (they were the p99 of the acknowledgement). Here the writer's automatic checkpoint is only a
/// safety net (<see cref="SqliteCheckpointSettings.SafetyNetPages"/>); this thread runs a PASSIVE checkpoint, which never blocks the writer,
/// at most once per <see cref="Interval"/> while writes come in and never at idle (the writer wakes it with each
/// commit).
/// </para>
/// <para>
/// A pass cannot copy what was committed while it ran, and SQLite starts the WAL over only once every frame of it is
/// in the database. So when a pass leaves frames behind, it asks the writer to finish between two batches
/// (<see cref="TryFinish"/>): a checkpoint of those few pages, short because the pass already synced the rest. The
/// WAL then starts over at the next transaction and the file stays near what one interval writes.
/// </para>
/// </remarks>
internal sealed partial class SqliteCheckpointer : IDisposable
{
    /// <summary>The longest time between two passes while writes come in.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>The pass: copies what it can and never waits for the writer or a reader.</summary>
    private const string Pass = "PRAGMA wal_checkpoint(PASSIVE)";

    /// <summary>
    /// The writer's finish: copies the rest and, when no reader is still on an older snapshot, makes the next write
    /// start the WAL over. It runs with the writer's busy timeout at 0, so a reader makes it try again later instead
    /// of waiting.
    /// </summary>
    private const string Finish = "PRAGMA wal_checkpoint(RESTART)";

    private readonly SqliteConnection _connection;
    private readonly SqliteCheckpointSettings _settings;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _thread;
    private int _signalled;
    private int _finishRequested;
    private long _passes;
    private long _finishes;

    public SqliteCheckpointer(SqliteConnection connection, SqliteCheckpointSettings settings, ILogger logger)
    {
        _connection = connection;
        _settings = settings;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Checkpoints this thread has run.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Checkpoints the writer has run to finish a pass; after each, the next write starts the WAL over.</summary>
    public long Finishes => Interlocked.Read(ref _finishes);

    /// <summary>The writer committed: a pass is due within <see cref="Interval"/>. Cheap: at most one wake-up is pending.</summary>
    public void Committed()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Called by the writer between two batches with its own connection: after a pass, copies what was committed while
    /// it ran and lets the next write start the WAL over. Blocked (this thread's pass still running, or a reader on an
    /// older snapshot), it is tried again after the next batch.
    /// </summary>
    public void TryFinish(SqliteConnection writer)
    {
        if (Volatile.Read(ref _finishRequested) == 0)
        {
            return;
        }

        try
        {
            var busy = WithoutBusyWait(writer, () => Checkpoint(writer, Finish).Busy);
            if (!busy)
            {
                Volatile.Write(ref _finishRequested, 0);
                Interlocked.Increment(ref _finishes);
            }
        }
        catch (SqliteException error)
        {
            Volatile.Write(ref _finishRequested, 0);
            LogCheckpointFailed(error, "the writer");
        }
    }

    public void Dispose()
    {
        _stopping.Set();
        _wake.Release();
        _thread.Join();
        _connection.Dispose();
        _wake.Dispose();
        _stopping.Dispose();
    }

    private void Run()
    {
        var lastPass = 0L;
        while (true)
        {
            _wake.Wait();
            var wait = lastPass == 0 ? TimeSpan.Zero : Interval - Stopwatch.GetElapsedTime(lastPass);
            if (_stopping.IsSet || (wait > TimeSpan.Zero && _stopping.Wait(wait)))
            {
                return;
            }

            Volatile.Write(ref _signalled, 0);
            if (Volatile.Read(ref _finishRequested) != 0)
            {
                continue; // the writer finishes the last pass after its next batch; a pass now would only block it
            }

            lastPass = Stopwatch.GetTimestamp();
            try
            {
                var log = Checkpoint(_connection, Pass).Log;
                Interlocked.Increment(ref _passes);

                // What was committed while the pass ran is not in the database yet (the pass copies up to the end
                // the WAL had when it began), and SQLite starts the WAL over only once all of it is: the writer must
                // finish, at the price of a short stall, so it is asked only once the WAL has grown long.
                if (log >= _settings.FinishPages)
                {
                    Volatile.Write(ref _finishRequested, 1);
                }
            }
            catch (SqliteException error)
            {
                LogCheckpointFailed(error, "the checkpointer");
            }
        }
    }

    private static T WithoutBusyWait<T>(SqliteConnection connection, Func<T> action)
    {
        var timeout = Scalar(connection, "PRAGMA busy_timeout");
        Scalar(connection, "PRAGMA busy_timeout = 0");
        try
        {
            return action();
        }
        finally
        {
            Scalar(connection, $"PRAGMA busy_timeout = {timeout}");
        }
    }

    private static long Scalar(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a checkpoint: whether it was blocked (another checkpoint, or a reader for RESTART) and the WAL's length in pages.</summary>
    private static (bool Busy, long Log) Checkpoint(SqliteConnection connection, string checkpoint)
    {
        using var command = connection.CreateCommand();
        command.CommandText = checkpoint;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0) != 0, reader.GetInt64(1));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A checkpoint of the embedded store by {Who} failed; the next commit tries again (the WAL grows meanwhile)")]
    private partial void LogCheckpointFailed(Exception error, string who);
}
