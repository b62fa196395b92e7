using System.Globalization;
using Orleans.Storage;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>Grain state in the embedded SQLite store, with optimistic concurrency on an integer ETag.</summary>
public sealed class SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    private const string Insert = "INSERT INTO grain_state (provider, state_name, grain_id, etag, data) VALUES ($p, $s, $g, 1, $d) ON CONFLICT DO NOTHING RETURNING etag";
    private const string Update = "UPDATE grain_state SET etag = etag + 1, data = $d WHERE provider = $p AND state_name = $s AND grain_id = $g AND etag = $e RETURNING etag";
    private const string Delete = "DELETE FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g AND etag = $e";
    private static readonly string[] Parameters = ["$p", "$s", "$g", "$e", "$d"];

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await database.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT etag, data FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g";
                command.Parameters.AddWithValue("$p", name);
                command.Parameters.AddWithValue("$s", stateName);
                command.Parameters.AddWithValue("$g", grainId.ToString());
                using var reader = command.ExecuteReader();
                return reader.Read() ? (ETag: reader.GetInt64(0), Data: (byte[])reader.GetValue(1)) : ((long ETag, byte[] Data)?)null;
            },
            CancellationToken.None);

        if (stored is { } row)
        {
            GrainStateReads.Found<T>(grainState, row.ETag.ToString(CultureInfo.InvariantCulture), serializer.Deserialize<T>(new BinaryData(row.Data)));
        }
        else
        {
            GrainStateReads.Missing(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var written = await database.WriteAsync(
            batch =>
            {
                var statement = batch.Statement(expected is null ? Insert : Update, Parameters);
                Bind(statement, stateName, grainId, expected);
                statement["$d"] = data;
                return statement.ExecuteScalar() as long?;
            },
            CancellationToken.None);

        if (written is null)
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} in storage '{name}' was changed by someone else; expected ETag {expected ?? "(none)"}.",
                "(unknown)",
                expected ?? "(none)");
        }

        grainState.ETag = written.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag;
        if (expected is not null)
        {
            var deleted = await database.WriteAsync(
                batch =>
                {
                    var statement = batch.Statement(Delete, Parameters);
                    Bind(statement, stateName, grainId, expected);
                    statement["$d"] = null;
                    return statement.ExecuteNonQuery();
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

    private void Bind(SqliteStatement statement, string stateName, GrainId grainId, string? expected)
    {
        statement["$p"] = name;
        statement["$s"] = stateName;
        statement["$g"] = grainId.ToString();
        statement["$e"] = expected is null ? null : long.Parse(expected, CultureInfo.InvariantCulture);
    }
}
