using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class EncryptionAtRestTests(AppFixture app)
{
    [Fact]
    public async Task PrivateRoomText_IsCiphertextInTheStore_AndPlainTextForMembers()
    {
        using var alice = await app.NewUserAsync();
        var secretRoom = await alice.CreateRoomAsync(isPrivate: true);
        var publicRoom = await alice.CreateRoomAsync();
        // Positive, so analysis tags it: the tagging rewrite must keep the text encrypted too.
        var secret = $"the vault code is {Guid.NewGuid():N}, great";
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(secretRoom.Id);

        var ack = await alice.PostAsync(secretRoom.Id, secret);
        await alice.PostAsync(publicRoom.Id, "nothing to hide");
        await hub.WaitForEventAsync("MessageTagged", e => e.Arg<long>(1) == ack.Seq);

        var (storedSecret, keyId) = ReadRaw(secretRoom.Id);
        var (storedPublic, publicKeyId) = ReadRaw(publicRoom.Id);
        Assert.DoesNotContain("vault", storedSecret, StringComparison.Ordinal);
        Assert.Equal("test-1", keyId);
        Assert.StartsWith("v1:test-1:", storedSecret, StringComparison.Ordinal);
        Assert.Equal(("nothing to hide", null), (storedPublic, publicKeyId));
        Assert.Equal(secret, ack.Text);
        Assert.Equal(secret, (await alice.HistoryAsync(secretRoom.Id, "?after=0"))[0].Text);
        Assert.Equal(secret, (await hub.WaitForEventAsync("MessageReceived")).Arg<Chat.Grains.Abstractions.Messages.ChatMessage>(0).Text);
        Assert.False(RawStore.Contains(app.Factory.DataDirectory, secret), "the plain text of a private message must not be anywhere in the store file");
    }

    private (string Text, string? KeyId) ReadRaw(string roomId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.Factory.DataDirectory, "chat.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text, key_id FROM messages WHERE room_id = $r AND seq = 1";
        command.Parameters.AddWithValue("$r", roomId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"no stored message in {roomId}");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
