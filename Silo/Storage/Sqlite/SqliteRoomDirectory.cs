using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// The room directory in the embedded SQLite store: a row per room with its normalized name and topic, and two
/// partial indexes over public rooms, (name_key, room_id) and (topic_key, room_id), that listings walk in order.
/// SQLite compares text as UTF-8 bytes, which is the code-point order <see cref="RoomListKey"/> uses.
/// </summary>
public sealed class SqliteRoomDirectory(SqliteDatabase database) : IRoomDirectory
{
    private const string Columns = "room_id, name, topic, is_private, owner";

    /// <summary>The greatest code point: every term that starts with a search sorts below search + this.</summary>
    private const string AfterEverything = "\U0010FFFF";

    /// <summary>Ids per <c>IN (...)</c> query, well under SQLite's parameter limit.</summary>
    private const int IdsPerQuery = 500;

    private const string Upsert = $"""
        INSERT INTO room_directory ({Columns}, name_key, topic_key) VALUES ($id, $name, $topic, $private, $owner, $nameKey, $topicKey)
        ON CONFLICT (room_id) DO UPDATE SET name = excluded.name, topic = excluded.topic, is_private = excluded.is_private,
            owner = excluded.owner, name_key = excluded.name_key, topic_key = excluded.topic_key
        WHERE (name, topic, is_private, owner) IS NOT (excluded.name, excluded.topic, excluded.is_private, excluded.owner)
        """;

    public Task UpsertAsync(RoomSummary room, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            batch =>
            {
                var upsert = batch.Statement(Upsert, "$id", "$name", "$topic", "$private", "$owner", "$nameKey", "$topicKey");
                upsert["$id"] = room.Id;
                upsert["$name"] = room.Name;
                upsert["$topic"] = room.Topic;
                upsert["$private"] = room.IsPrivate ? 1 : 0;
                upsert["$owner"] = room.Owner;
                upsert["$nameKey"] = RoomSearch.Normalize(room.Name);
                upsert["$topicKey"] = RoomSearch.Normalize(room.Topic);
                upsert.ExecuteNonQuery();
            },
            cancellationToken);

    public Task RemoveAsync(string roomId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            batch =>
            {
                var delete = batch.Statement("DELETE FROM room_directory WHERE room_id = $id", "$id");
                delete["$id"] = roomId;
                delete.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<IReadOnlyList<RoomSummary>> GetAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken = default)
    {
        if (roomIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<RoomSummary>>([]);
        }

        return database.ReadAsync<IReadOnlyList<RoomSummary>>(
            connection =>
            {
                var rooms = new List<RoomSummary>();
                foreach (var chunk in roomIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
                {
                    using var command = connection.CreateCommand();
                    var names = chunk.Select((id, i) => "$id" + i).ToArray();
                    command.CommandText = $"SELECT {Columns} FROM room_directory WHERE room_id IN ({string.Join(", ", names)})";
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        command.Parameters.AddWithValue(names[i], chunk[i]);
                    }

                    rooms.AddRange(Read(command));
                }

                return rooms;
            },
            cancellationToken);
    }

    public Task<RoomDirectoryPage> ListPublicAsync(string? search, RoomListKey? after, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            connection =>
            {
                var rooms = Page(connection, "name_key", search, after, limit);
                if (search is not null)
                {
                    rooms.AddRange(Page(connection, "topic_key", search, after, limit));
                }

                return new RoomDirectoryPage(rooms
                    .OrderBy(room => RoomListKey.Of(room, search))
                    .Take(limit)
                    .ToArray());
            },
            cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> public rooms in (<paramref name="column"/>, room_id) order after
    /// <paramref name="after"/>, whose term in that column starts with <paramref name="search"/>. A room whose name
    /// matches is listed under its name only, so the topic walk leaves it out.
    /// </summary>
    private static List<RoomSummary> Page(SqliteConnection connection, string column, string? search, RoomListKey? after, int limit)
    {
        using var command = connection.CreateCommand();
        var conditions = new List<string> { "is_private = 0" };
        if (column == "topic_key")
        {
            conditions.Add("topic_key IS NOT NULL");
        }

        if (search is not null)
        {
            conditions.Add($"{column} >= $from AND {column} < $to");
            command.Parameters.AddWithValue("$from", search);
            command.Parameters.AddWithValue("$to", search + AfterEverything);
            if (column == "topic_key")
            {
                conditions.Add("NOT (name_key >= $from AND name_key < $to)");
            }
        }

        if (after is { } start)
        {
            conditions.Add($"({column}, room_id) > ($afterTerm, $afterId)");
            command.Parameters.AddWithValue("$afterTerm", start.Term);
            command.Parameters.AddWithValue("$afterId", start.RoomId);
        }

        command.CommandText = $"SELECT {Columns} FROM room_directory WHERE {string.Join(" AND ", conditions)} ORDER BY {column}, room_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command);
    }

    private static List<RoomSummary> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rooms = new List<RoomSummary>();
        while (reader.Read())
        {
            rooms.Add(new RoomSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3) != 0,
                reader.GetString(4)));
        }

        return rooms;
    }
}
