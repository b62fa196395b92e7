using Chat.Grains.Storage;
using Chat.Silo.Storage.Sqlite;

namespace Chat.Tests.Storage;

/// <summary>The message-log contract against the embedded SQLite store, in a temporary directory.</summary>
public sealed class SqliteMessageLogTests : MessageLogContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chat-tests-{Guid.NewGuid():N}");
    private readonly SqliteDatabase _database;

    public SqliteMessageLogTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "chat.db"));
        Log = new SqliteMessageLog(_database);
    }

    protected override IMessageLog Log { get; }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
