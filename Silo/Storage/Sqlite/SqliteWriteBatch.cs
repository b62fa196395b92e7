using Microsoft.Data.Sqlite;

namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// What a write request sees on the writer thread: the open transaction of the current batch and the writer
/// connection's prepared statements. Each request runs inside its own savepoint, so a request that throws undoes
/// only its own changes.
/// </summary>
public sealed class SqliteWriteBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    internal SqliteWriteBatch(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// The prepared statement for <paramref name="sql"/>, made on first use with the named parameters; every
    /// parameter's value must be set before each execution.
    /// </summary>
    public SqliteStatement Statement(string sql, params string[] parameterNames)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(_connection, _transaction, sql, parameterNames);
            _statements.Add(sql, statement);
        }

        statement.Transaction = _transaction;
        return statement;
    }

    internal void Begin() => _transaction = _connection.BeginTransaction(deferred: false);

    internal void Commit()
    {
        _transaction!.Commit();
        End();
    }

    internal void Rollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back itself (an I/O error, a full disk).
        }

        End();
    }

    /// <summary>Marks the start of one request's changes.</summary>
    internal void Save() => Statement("SAVEPOINT request").ExecuteNonQuery();

    /// <summary>Keeps the request's changes in the batch.</summary>
    internal void Release() => Statement("RELEASE request").ExecuteNonQuery();

    /// <summary>Undoes the request's changes and keeps the rest of the batch.</summary>
    internal void Undo()
    {
        Statement("ROLLBACK TO request").ExecuteNonQuery();
        Release();
    }

    private void End()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Dispose()
    {
        End();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
