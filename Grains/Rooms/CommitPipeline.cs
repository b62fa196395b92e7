using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Encryption;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room's group commit and recent memory. A post gets its seq in one synchronous step; the commit loop then writes
/// whatever queued together (new messages in one append, changes in one update: edits, tombstones, tags, the latest
/// per seq), acknowledges, keeps new messages in the recent window and hands each committed write to
/// <c>committed</c> in order (when the log cannot even be re-read, it calls <c>unrecoverable</c>). After a failed write nothing is acknowledged and no seq is assigned until the
/// log has been re-read. Invariants: seqs are contiguous; everything pending comes after the last durable seq; the
/// window holds only durable messages. Owned by one room grain and used only from its turns.
/// </summary>
internal sealed partial class CommitPipeline(
    string roomId,
    IMessageLog log,
    MessageProtector protector,
    RoomOptions options,
    Func<ChatMessage, ChatMessage> toStored,
    Action<PendingMessage> committed,
    Action unrecoverable,
    ChatMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private readonly RecentWindow _window = new(options.RecentWindowSize);
    private readonly IdempotencyIndex _idempotency = new(options.IdempotencyHorizon);
    private readonly Dictionary<long, PendingMessage> _pending = [];
    private readonly Dictionary<long, ChatMessage> _changing = [];
    private readonly List<PendingMessage> _queue = [];
    private long _lastAssignedSeq;
    private Task? _loop;
    private bool _recovering;

    /// <summary>Seqs are assigned contiguously and everything still pending comes after the last durable one.</summary>
    public long LastDurableSeq => _lastAssignedSeq - _pending.Count;

    /// <summary>The recent window, ascending.</summary>
    public IReadOnlyList<ChatMessage> Recent() => _window.ToList();

    /// <summary>Reads the newest messages, the last seq and the idempotency keys from the log.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var recent = (await log.ReadAsync(roomId, MessageQuery.Newest(options.RecentWindowSize), cancellationToken))
            .Select(protector.Unprotect).ToArray();
        _window.Reset(recent);
        _lastAssignedSeq = recent.Length == 0 ? 0 : recent[^1].Seq;
        var keys = await log.ReadClientMessageKeysAsync(roomId, Math.Max(0, _lastAssignedSeq - options.IdempotencyHorizon), cancellationToken);
        _idempotency.Reset(keys);
    }

    /// <summary>
    /// Assigns the next seq and queues the message; the task completes when it is durable (the acknowledgement). A
    /// re-sent client message id returns the stored message instead. Refused while recovering and when the room
    /// already has <see cref="RoomOptions.MaxPendingWrites"/> writes waiting (overload is shed, not queued).
    /// </summary>
    public Task<ChatMessage> PostAsync(string author, string text, string? clientMessageId, DateTimeOffset now)
    {
        if (_recovering)
        {
            throw new ChatException(ChatErrorCode.Unavailable, "The room is recovering from a storage error. Send the message again shortly.");
        }

        if (clientMessageId is not null && _idempotency.TryGet(author, clientMessageId, out var existingSeq))
        {
            return FindAsync(existingSeq);
        }

        if (_pending.Count + _queue.Count >= options.MaxPendingWrites)
        {
            throw new ChatException(ChatErrorCode.Unavailable, "The room is busy. Send the message again shortly (with the same clientMessageId).");
        }

        var seq = ++_lastAssignedSeq;
        var message = new ChatMessage(roomId, seq, Guid.CreateVersion7(now).ToString(), author, text, now, clientMessageId);
        var pending = new PendingMessage(message, isNew: true, new MessagePosted(message), time.GetTimestamp());
        _pending[seq] = pending;
        if (clientMessageId is not null)
        {
            _idempotency.Add(new ClientMessageKey(seq, author, clientMessageId));
        }

        return EnqueueAsync(pending);
    }

    /// <summary>
    /// Queues a change to a stored message. The window shows it at once; the commit loop writes it (with whatever
    /// else is queued, in order) and then hands <paramref name="roomEvent"/> on.
    /// </summary>
    public Task<ChatMessage> ChangeAsync(ChatMessage changed, RoomEvent roomEvent)
    {
        if (!_window.Replace(changed))
        {
            _changing[changed.Seq] = changed;
        }

        return EnqueueAsync(new PendingMessage(changed, isNew: false, roomEvent, time.GetTimestamp()));
    }

    /// <summary>A message by seq: pending, recent, being changed, or from the log.</summary>
    public async Task<ChatMessage> FindAsync(long seq)
    {
        if (_pending.TryGetValue(seq, out var pending))
        {
            return await pending.Stored;
        }

        if ((_window.Find(seq) ?? _changing.GetValueOrDefault(seq)) is { } recent)
        {
            return recent;
        }

        var page = await log.ReadAsync(roomId, new MessageQuery(seq - 1, null, 1));
        return page.FirstOrDefault(m => m.Seq == seq) is { } stored
            ? protector.Unprotect(stored)
            : throw new InvalidOperationException($"Message {seq} of room '{roomId}' is missing from the log.");
    }

    /// <summary>A page of durable history: from the window when it covers the page, else from the log.</summary>
    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(MessageQuery query, CancellationToken cancellationToken = default)
    {
        if (_window.TryRead(query, out var page))
        {
            return page;
        }

        var lastDurable = LastDurableSeq;
        var stored = await log.ReadAsync(roomId, query, cancellationToken);
        return [.. stored.Where(m => m.Seq <= lastDurable).Select(protector.Unprotect)];
    }

    /// <summary>Completes when everything queued so far is written (or failed).</summary>
    public Task DrainAsync() => _loop ?? Task.CompletedTask;

    private Task<ChatMessage> EnqueueAsync(PendingMessage pending)
    {
        _queue.Add(pending);
        if (_loop is null || _loop.IsCompleted)
        {
            _loop = CommitLoopAsync();
        }

        return pending.Stored;
    }

    /// <summary>
    /// The room's only writer. Each turn writes everything queued since the last one: new messages in one append,
    /// then changes (the latest per seq) in one update. Then it acknowledges, keeps new messages in the window and
    /// hands the writes on in order.
    /// </summary>
    private async Task CommitLoopAsync()
    {
        while (_queue.Count > 0)
        {
            var batch = _queue.ToArray();
            _queue.Clear();
            var appends = batch.Where(p => p.IsNew).Select(p => toStored(p.Message)).ToArray();
            var changes = batch.Where(p => !p.IsNew).GroupBy(p => p.Message.Seq).Select(g => toStored(g.Last().Message)).ToArray();
            var started = time.GetTimestamp();
            try
            {
                if (appends.Length > 0)
                {
                    await log.AppendAsync(roomId, appends);
                }

                if (changes.Length > 0)
                {
                    await log.UpdateAsync(roomId, changes);
                }
            }
            catch (Exception error)
            {
                await RecoverFromFailedWriteAsync(batch, error);
                return;
            }

            metrics.RecordCommitBatch(batch.Length, time.GetElapsedTime(started));
            metrics.RecordPosted(appends.Length);
            foreach (var pending in batch)
            {
                if (pending.IsNew)
                {
                    _window.Add(pending.Message);
                    _pending.Remove(pending.Message.Seq);
                    metrics.RecordAckLatency(time.GetElapsedTime(pending.EnqueuedAt));
                }
                else
                {
                    _changing.Remove(pending.Message.Seq);
                }

                pending.Complete();
            }

            foreach (var pending in batch)
            {
                committed(pending);
            }
        }
    }

    /// <summary>
    /// The batch (and whatever queued behind it) was not acknowledged. The write may or may not have landed, so the
    /// room re-reads the log (last durable seq, window, idempotency keys) before it assigns another seq.
    /// </summary>
    private async Task RecoverFromFailedWriteAsync(PendingMessage[] batch, Exception error)
    {
        var failed = batch.Concat(_queue).ToArray();
        _queue.Clear();
        LogAppendFailed(error, roomId, failed.Length, failed[0].Message.Seq);
        var unavailable = new ChatException(
            ChatErrorCode.Unavailable,
            "The change could not be stored. Send it again (a message with the same clientMessageId).");
        foreach (var pending in failed)
        {
            _pending.Remove(pending.Message.Seq);
            pending.Fail(unavailable);
        }

        // The window may show changes that were not stored: it is reloaded below.
        _changing.Clear();

        // Until the log has been re-read, no seq may be assigned: posts are refused meanwhile.
        _recovering = true;
        try
        {
            await LoadAsync(CancellationToken.None);
            _recovering = false;
        }
        catch (Exception reloadError)
        {
            // The store is unreachable: the grain deactivates and a fresh activation reads the log again.
            LogReloadFailed(reloadError, roomId);
            unrecoverable();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not store {Count} write(s) from seq {FirstSeq}; the senders were told to retry")]
    private partial void LogAppendFailed(Exception error, string roomId, int count, long firstSeq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not re-read its log after a failed append; it deactivates and reloads on the next call")]
    private partial void LogReloadFailed(Exception error, string roomId);
}
