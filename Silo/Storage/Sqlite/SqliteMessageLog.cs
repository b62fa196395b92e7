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

    private const string Insert = $"INSERT INTO messages ({Columns}) VALUES ($r, $seq, $id, $author, $text, $at, $cid, $edited, $deleted, $tags, $key)";
    private const string Update = "UPDATE messages SET text = $text, edited_at_ms = $edited, deleted = $deleted, tags = $tags, key_id = $key WHERE room_id = $r AND seq = $seq";
    private static readonly string[] Parameters = ["$r", "$seq", "$id", "$author", "$text", "$at", "$cid", "$edited", "$deleted", "$tags", "$key"];

    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await database.WriteAsync(
            batch =>
            {
                var insert = batch.Statement(Insert, Parameters);
                try
                {
                    foreach (var message in messages)
                    {
                        Bind(insert, roomId, message);
                        insert.ExecuteNonQuery();
                    }
                }
                catch (SqliteException error) when (error.SqliteErrorCode == SqliteConstraint)
                {
                    throw DuplicateSeqException.Of(roomId, messages, error);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await database.WriteAsync(
            batch =>
            {
                var update = batch.Statement(Update, Parameters);
                foreach (var message in messages)
                {
                    Bind(update, roomId, message);
                    if (update.ExecuteNonQuery() == 0)
                    {
                        // Thrown inside the write: the rows this request already changed are rolled back with it.
                        throw new KeyNotFoundException($"Room '{roomId}' has no stored message {message.Seq}.");
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ChatMessage>>(connection => ReadPage(connection, roomId, query), cancellationToken);

    private static List<ChatMessage> ReadPage(SqliteConnection connection, string roomId, MessageQuery query)
    {
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

        return page;
    }

    /// <summary>
    /// The idempotency keys after a seq: a range of the primary key (a room reads its last 1,000 when it activates).
    /// No index of its own: a covering index (dropped when an older database opens) cost every insert one more
    /// B-tree page in the write-ahead log to save a few page reads per activation.
    /// </summary>
    internal const string ClientMessageKeysQuery =
        "SELECT seq, author, client_message_id FROM messages WHERE room_id = $r AND seq > $after AND client_message_id IS NOT NULL ORDER BY seq";

    public Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ClientMessageKey>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = ClientMessageKeysQuery;
                command.Parameters.AddWithValue("$r", roomId);
                command.Parameters.AddWithValue("$after", afterSeq);
                using var reader = command.ExecuteReader();
                var keys = new List<ClientMessageKey>();
                while (reader.Read())
                {
                    keys.Add(new ClientMessageKey(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }

                return keys;
            },
            cancellationToken);

    private static void Bind(SqliteStatement statement, string roomId, ChatMessage message)
    {
        statement["$r"] = roomId;
        statement["$seq"] = message.Seq;
        statement["$id"] = message.Id;
        statement["$author"] = message.Author;
        statement["$text"] = message.Text;
        statement["$at"] = message.SentAt.ToUnixTimeMilliseconds();
        statement["$cid"] = message.ClientMessageId;
        statement["$edited"] = message.EditedAt?.ToUnixTimeMilliseconds();
        statement["$deleted"] = message.Deleted ? 1 : 0;
        statement["$tags"] = message.Tags is null ? null : JsonSerializer.Serialize(message.Tags, TagsJson);
        statement["$key"] = message.EncryptionKeyId;
    }

    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            batch =>
            {
                var delete = batch.Statement("DELETE FROM messages WHERE room_id = $r", "$r");
                delete["$r"] = roomId;
                delete.ExecuteNonQuery();
            },
            cancellationToken);
}
