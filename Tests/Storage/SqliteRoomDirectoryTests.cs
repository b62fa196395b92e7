using Chat.Grains.Storage;
using Chat.Silo.Storage.Sqlite;

namespace Chat.Tests.Storage;

/// <summary>The room-directory contract against the embedded SQLite store, in a temporary directory.</summary>
public sealed class SqliteRoomDirectoryTests : RoomDirectoryContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chat-tests-{Guid.NewGuid():N}");
    private SqliteDatabase? _database;

    protected override Task<IRoomDirectory> NewDirectoryAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "chat.db"));
        return Task.FromResult<IRoomDirectory>(new SqliteRoomDirectory(_database));
    }

    public void Dispose()
    {
        _database?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
