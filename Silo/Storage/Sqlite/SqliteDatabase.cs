using Microsoft.Data.Sqlite;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (WAL mode) holding grain state, message history and the room directory.
/// Writers take one in-process lock, so they queue instead of contending for SQLite's lock.
/// </summary>
public sealed class SqliteDatabase : IDisposable
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
        CREATE INDEX IF NOT EXISTS messages_by_client_id
            ON messages (room_id, seq, author, client_message_id) WHERE client_message_id IS NOT NULL;
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

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteDatabase(string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        FilePath = filePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        AddMissingColumns(connection);
    }

    public string FilePath { get; }

    /// <summary>Opens a pooled connection.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs a write under the store's single writer lock.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            return write(connection);
        }
        finally
        {
            _writeLock.Release();
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

    public void Dispose()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
