using Microsoft.Data.Sqlite;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// A statement of the writer connection, prepared once and kept for the connection's life: its parameters are
/// created with the command, and each use only sets their values. Belongs to the writer thread.
/// </summary>
public sealed class SqliteStatement
{
    private readonly SqliteCommand _command;

    internal SqliteStatement(SqliteConnection connection, SqliteTransaction? transaction, string sql, IReadOnlyList<string> parameterNames)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            _command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        _command.Prepare();
    }

    /// <summary>Sets a parameter's value for the next execution; <c>null</c> binds SQL NULL.</summary>
    public object? this[string parameterName]
    {
        set => _command.Parameters[parameterName].Value = value ?? DBNull.Value;
    }

    internal SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public int ExecuteNonQuery() => _command.ExecuteNonQuery();

    public object? ExecuteScalar() => _command.ExecuteScalar();

    internal void Dispose() => _command.Dispose();
}
