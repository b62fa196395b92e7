namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// One caller's write, queued for the writer thread. The caller's task completes after the batch holding it has
/// committed, or fails alone when its own work throws. Cancelled while still queued, it is skipped and never
/// written; once the writer has taken it, cancellation no longer applies.
/// </summary>
internal sealed class SqliteWriteRequest
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly Action<SqliteWriteBatch> _work;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public SqliteWriteRequest(Action<SqliteWriteBatch> work, CancellationToken cancellationToken)
    {
        _work = work;
        _registration = cancellationToken.Register(
            static (state, token) =>
            {
                var request = (SqliteWriteRequest)state!;
                if (Interlocked.CompareExchange(ref request._state, Cancelled, Queued) == Queued)
                {
                    request._completion.TrySetCanceled(token);
                }
            },
            this);
    }

    /// <summary>Completes after the write has committed.</summary>
    public Task Task => _completion.Task;

    /// <summary>Claims the request for the writer; false when it was cancelled first.</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Queued) != Queued)
        {
            return false;
        }

        _registration.Dispose();
        return true;
    }

    /// <summary>Runs the request's work on the writer thread, inside the batch's transaction.</summary>
    public void Execute(SqliteWriteBatch batch) => _work(batch);

    /// <summary>Completes the caller's task; call only after the batch has committed.</summary>
    public void Complete() => _completion.TrySetResult();

    public void Fail(Exception error)
    {
        _registration.Dispose();
        _completion.TrySetException(error);
    }
}
