using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>
/// Group commit across rooms: the appends that rooms of this silo make while the store is busy go together in one
/// TransactWriteItems (up to <see cref="DynamoDbMessageLog.MaxTransactionItems"/> messages); a write that finds a
/// single message to store is one conditional PutItem (<see cref="DynamoDbMessageLog"/> decides). Each room already
/// batches its own messages, but a room with a few messages a second writes almost every message alone; a profile of
/// the loaded cluster put the DynamoDB client at 12 % of the silos' CPU with one transaction per message, and
/// DynamoDB Local at half a core (docs/performance.md). Nothing waits to fill a batch: an append starts a
/// transaction at once while fewer than <c>maxTransactions</c> are under way, and only appends that arrive while
/// all of them are busy queue for the next one. No thread of its own: the caller that finds a transaction slot free
/// writes, and goes on writing while appends are queued.
/// <para>
/// A transaction is all or nothing, so one room's refused append must not fail the others: DynamoDB names the
/// reason per item, and the room whose item failed its condition gets <see cref="DuplicateSeqException"/>, a room
/// whose item failed otherwise gets the error, and the rooms that failed for nothing of theirs are written again
/// in another transaction. Any other error (the network, throttling past the SDK's retries) fails every append of
/// the transaction, as it would have failed each alone; their rooms re-read their log before they go on.
/// </para>
/// </summary>
public sealed class DynamoDbAppendBatcher(Func<IReadOnlyList<RoomAppend>, Task> writeTransaction, int maxTransactions)
{
    private readonly Lock _lock = new();
    private readonly Queue<RoomAppend> _queue = new();
    private int _writers;
    private long _transactions;
    private long _appends;

    /// <summary>Transactions written so far (retries included).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Room appends those transactions carried.</summary>
    public long Appends => Interlocked.Read(ref _appends);

    /// <summary>Called with the number of room appends of each transaction, for the metrics.</summary>
    public Action<int>? TransactionWritten { get; init; }

    /// <summary>Stores one room's messages (at most <see cref="DynamoDbMessageLog.MaxTransactionItems"/>), each only if its seq is absent.</summary>
    public Task AppendAsync(string roomId, ChatMessage[] messages)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messages.Length, DynamoDbMessageLog.MaxTransactionItems);
        ArgumentOutOfRangeException.ThrowIfZero(messages.Length);
        var append = new RoomAppend(roomId, messages);
        bool write;
        lock (_lock)
        {
            _queue.Enqueue(append);
            write = _writers < maxTransactions;
            if (write)
            {
                _writers++;
            }
        }

        if (write)
        {
            _ = WriteWhileQueuedAsync();
        }

        return append.Written;
    }

    private async Task WriteWhileQueuedAsync()
    {
        while (true)
        {
            var batch = new List<RoomAppend>();
            lock (_lock)
            {
                var items = 0;
                while (_queue.TryPeek(out var next) && (batch.Count == 0 || items + next.Messages.Length <= DynamoDbMessageLog.MaxTransactionItems))
                {
                    batch.Add(_queue.Dequeue());
                    items += next.Messages.Length;
                }

                if (batch.Count == 0)
                {
                    _writers--;
                    return;
                }
            }

            await WriteAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the appends in one transaction and settles each of them; never throws.</summary>
    private async Task WriteAsync(List<RoomAppend> batch)
    {
        while (batch.Count > 0)
        {
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _appends, batch.Count);
            TransactionWritten?.Invoke(batch.Count);
            try
            {
                await writeTransaction(batch).ConfigureAwait(false);
                batch.ForEach(append => append.Succeed());
                return;
            }
            catch (TransactionCanceledException error) when (error.CancellationReasons?.Count == batch.Sum(a => a.Messages.Length))
            {
                batch = SettleRefused(batch, error);
            }
            catch (Exception error)
            {
                batch.ForEach(append => append.Fail(error));
                return;
            }
        }
    }

    /// <summary>Fails the appends DynamoDB refused an item of, and returns the others, to be written again.</summary>
    private static List<RoomAppend> SettleRefused(List<RoomAppend> batch, TransactionCanceledException error)
    {
        var again = new List<RoomAppend>();
        var item = 0;
        foreach (var append in batch)
        {
            var codes = error.CancellationReasons.Skip(item).Take(append.Messages.Length).Select(reason => reason.Code).ToArray();
            item += append.Messages.Length;
            if (codes.Contains(DynamoDbMessageLog.ConditionalCheckFailed))
            {
                append.Fail(DuplicateSeqException.Of(append.RoomId, append.Messages, error));
            }
            else if (codes.Any(code => code is not (null or "" or "None")))
            {
                append.Fail(error);
            }
            else
            {
                again.Add(append);
            }
        }

        // DynamoDB always names the failing item; should it name none, nothing here could be at fault twice.
        if (again.Count == batch.Count)
        {
            again.ForEach(append => append.Fail(error));
            return [];
        }

        return again;
    }
}
