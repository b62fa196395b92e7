using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chat.Tests.Api;

public sealed class KeyRotationTests
{
    [Fact]
    public async Task RotatedKeys_NewWritesUseTheCurrentKey_AndOldMessagesStillDecrypt()
    {
        using var data = new TempDirectory();
        var oldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string token;
        string userName;
        string roomId;
        {
            await using var before = new ChatAppFactory(data.Path, new Dictionary<string, string?>
            {
                ["Chat:Encryption:Keys:test-1"] = null,
                ["Chat:Encryption:Keys:old"] = oldKey,
                ["Chat:Encryption:CurrentKeyId"] = "old",
            });
            using var user = await before.NewClient().RegisterAsync();
            (token, userName) = (user.Token, user.UserName);
            roomId = (await user.CreateRoomAsync(isPrivate: true)).Id;
            await user.PostAsync(roomId, "written under the old key");
        }

        await using var after = new ChatAppFactory(data.Path, new Dictionary<string, string?>
        {
            ["Chat:Encryption:Keys:test-1"] = null,
            ["Chat:Encryption:Keys:old"] = oldKey,
            ["Chat:Encryption:Keys:new"] = newKey,
            ["Chat:Encryption:CurrentKeyId"] = "new",
        });
        using var again = after.NewClient();
        again.UseToken(userName, token);
        await again.PostAsync(roomId, "written under the new key");

        var history = await again.HistoryAsync(roomId, "?after=0");
        Assert.Equal(["written under the old key", "written under the new key"], history.Select(m => m.Text));
        Assert.Equal(["old", "new"], StoredKeyIds(data.Path, roomId));
    }

    private static List<string> StoredKeyIds(string dataDirectory, string roomId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "chat.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_id FROM messages WHERE room_id = $r ORDER BY seq";
        command.Parameters.AddWithValue("$r", roomId);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
