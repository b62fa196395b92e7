using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>Grain state in the embedded SQLite store, with optimistic concurrency on an integer ETag.</summary>
public sealed class SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g";
        AddKey(command, stateName, grainId);
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var written = await database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                if (expected is null)
                {
                    command.CommandText = "INSERT INTO grain_state (provider, state_name, grain_id, etag, data) VALUES ($p, $s, $g, 1, $d) ON CONFLICT DO NOTHING RETURNING etag";
                }
                else
                {
                    command.CommandText = "UPDATE grain_state SET etag = etag + 1, data = $d WHERE provider = $p AND state_name = $s AND grain_id = $g AND etag = $e RETURNING etag";
                    command.Parameters.AddWithValue("$e", long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
                }

                AddKey(command, stateName, grainId);
                command.Parameters.AddWithValue("$d", data);
                return command.ExecuteScalar() as long?;
            },
            CancellationToken.None);

        if (written is null)
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} in storage '{name}' was changed by someone else; expected ETag {expected ?? "(none)"}.",
                "(unknown)",
                expected ?? "(none)");
        }

        grainState.ETag = written.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag;
        if (expected is not null)
        {
            var deleted = await database.WriteAsync(
                connection =>
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "DELETE FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g AND etag = $e";
                    AddKey(command, stateName, grainId);
                    command.Parameters.AddWithValue("$e", long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
                    return command.ExecuteNonQuery();
                },
                CancellationToken.None);
            if (deleted == 0)
            {
                throw new InconsistentStateException(
                    $"State '{stateName}' of {grainId} in storage '{name}' was changed by someone else before it could be cleared.",
                    "(unknown)",
                    expected);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$p", name);
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
    }
}
