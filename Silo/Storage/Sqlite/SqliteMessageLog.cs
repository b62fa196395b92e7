using System.Text.Json;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>Message history in the embedded SQLite store, keyed by (room id, seq).</summary>
public sealed class SqliteMessageLog(SqliteDatabase database) : IMessageLog
{
    private const string Columns = "room_id, seq, id, author, text, sent_at_ms, client_message_id, edited_at_ms, deleted, tags, key_id";
    private static readonly JsonSerializerOptions TagsJson = new(JsonSerializerDefaults.Web);
    private const int SqliteConstraint = 19;

    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await database.WriteAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO messages ({Columns}) VALUES ($r, $seq, $id, $author, $text, $at, $cid, $edited, $deleted, $tags, $key)";
                try
                {
                    foreach (var message in messages)
                    {
                        command.Parameters.Clear();
                        Bind(command, roomId, message);
                        command.ExecuteNonQuery();
                    }
                }
                catch (SqliteException error) when (error.SqliteErrorCode == SqliteConstraint)
                {
                    transaction.Rollback();
                    throw new DuplicateSeqException($"Room '{roomId}' already has a message with one of seq {messages[0].Seq}..{messages[^1].Seq}.", error);
                }

                transaction.Commit();
                return true;
            },
            cancellationToken);
    }

    public async Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var missing = await database.WriteAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE messages SET text = $text, edited_at_ms = $edited, deleted = $deleted, tags = $tags, key_id = $key WHERE room_id = $r AND seq = $seq";
                foreach (var message in messages)
                {
                    command.Parameters.Clear();
                    Bind(command, roomId, message);
                    if (command.ExecuteNonQuery() == 0)
                    {
                        transaction.Rollback();
                        return (long?)message.Seq;
                    }
                }

                transaction.Commit();
                return null;
            },
            cancellationToken);
        if (missing is { } seq)
        {
            throw new KeyNotFoundException($"Room '{roomId}' has no stored message {seq}.");
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var before = query.Before is null ? "" : " AND seq < $before";
        command.CommandText = query.After is null
            ? $"SELECT * FROM (SELECT {Columns} FROM messages WHERE room_id = $r{before} ORDER BY seq DESC LIMIT $limit) ORDER BY seq ASC"
            : $"SELECT {Columns} FROM messages WHERE room_id = $r AND seq > $after{before} ORDER BY seq ASC LIMIT $limit";
        command.Parameters.AddWithValue("$r", roomId);
        command.Parameters.AddWithValue("$limit", query.Limit);
        if (query.After is { } after)
        {
            command.Parameters.AddWithValue("$after", after);
        }

        if (query.Before is { } beforeSeq)
        {
            command.Parameters.AddWithValue("$before", beforeSeq);
        }

        using var reader = command.ExecuteReader();
        var page = new List<ChatMessage>();
        while (reader.Read())
        {
            page.Add(new ChatMessage(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.GetInt64(8) != 0,
                reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<MessageTags>(reader.GetString(9), TagsJson),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return Task.FromResult<IReadOnlyList<ChatMessage>>(page);
    }

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, author, client_message_id FROM messages WHERE room_id = $r AND seq > $after AND client_message_id IS NOT NULL ORDER BY seq";
        command.Parameters.AddWithValue("$r", roomId);
        command.Parameters.AddWithValue("$after", afterSeq);
        using var reader = command.ExecuteReader();
        var keys = new List<ClientMessageKey>();
        while (reader.Read())
        {
            keys.Add(new ClientMessageKey(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return Task.FromResult<IReadOnlyList<ClientMessageKey>>(keys);
    }

    private static void Bind(SqliteCommand command, string roomId, ChatMessage message)
    {
        command.Parameters.AddWithValue("$r", roomId);
        command.Parameters.AddWithValue("$seq", message.Seq);
        command.Parameters.AddWithValue("$id", message.Id);
        command.Parameters.AddWithValue("$author", message.Author);
        command.Parameters.AddWithValue("$text", message.Text);
        command.Parameters.AddWithValue("$at", message.SentAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$cid", (object?)message.ClientMessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$edited", (object?)message.EditedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$deleted", message.Deleted ? 1 : 0);
        command.Parameters.AddWithValue("$tags", message.Tags is null ? DBNull.Value : JsonSerializer.Serialize(message.Tags, TagsJson));
        command.Parameters.AddWithValue("$key", (object?)message.EncryptionKeyId ?? DBNull.Value);
    }

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM messages WHERE room_id = $r";
                command.Parameters.AddWithValue("$r", roomId);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
}
