using Chat.Silo.Storage.Sqlite;
using Orleans.Storage;

namespace Chat.Tests.Storage;

/// <summary>The grain-storage contract against the embedded SQLite store, in a temporary directory.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chat-tests-{Guid.NewGuid():N}");
    private readonly SqliteDatabase _database;

    public SqliteGrainStorageTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "chat.db"));
        Storage = new SqliteGrainStorage("test", _database, new JsonTestGrainStorageSerializer());
    }

    protected override IGrainStorage Storage { get; }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
