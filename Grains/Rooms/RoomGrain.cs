using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Encryption;
using Chat.Grains.Mentions;
using Chat.Grains.Storage;
using Chat.Grains.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Chat.Grains.Rooms;

/// <summary>
/// The single writer of a room. <see cref="Post"/> interleaves with everything else: it assigns the seq and the
/// server timestamp in one synchronous step, then waits for the commit loop, which writes whatever arrived
/// together (new messages in one append, edits, tombstones and tags in one update: a group commit), acknowledges,
/// keeps new messages in the recent window and publishes the events on the room stream in order. Analysis and
/// mention delivery are handed to stateless workers afterwards. Presence is kept in memory, per front silo.
/// </summary>
public sealed partial class RoomGrain(
    [PersistentState("room", ChatNames.GrainStorage)] IPersistentState<RoomState> state,
    IMessageLog log,
    MessageProtector protector,
    ISiloLiveness liveness,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly RoomOptions _options = options.Value;
    private readonly RecentWindow _window = new(options.Value.RecentWindowSize);
    private readonly IdempotencyIndex _idempotency = new(options.Value.IdempotencyHorizon);
    private readonly Dictionary<long, PendingMessage> _pending = [];
    private readonly Dictionary<long, ChatMessage> _changing = [];
    private readonly List<PendingMessage> _queue = [];
    private readonly Dictionary<string, HashSet<string>> _presenceBySilo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastTyping = new(StringComparer.Ordinal);
    private long _lastAssignedSeq;
    private Task? _commitLoop;
    private bool _closed;
    private bool _recovering;
    private IAsyncStream<ChatEvent>? _stream;

    private string RoomId => this.GetPrimaryKeyString();

    private IAsyncStream<ChatEvent> Stream => _stream ??=
        this.GetStreamProvider(ChatNames.StreamProvider).GetStream<ChatEvent>(ChatNames.RoomStreamNamespace, RoomId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            await LoadRecentAsync(cancellationToken);
        }
    }

    /// <summary>
    /// All or nothing. The owner's cap is checked (and the room put in the owner's list) before anything of the room
    /// is written; the room is written marked as being created, listed in the directory, then written as complete.
    /// A failure on the way is rolled back (directory, owner's list, room). Should the roll-back fail as well, the
    /// room stays marked as being created: nobody can see it, and the next <see cref="Create"/> of this id replaces it.
    /// </summary>
    public async Task<RoomInfo> Create(string owner, RoomSettings settings)
    {
        if (state.RecordExists && !state.State.Creating)
        {
            throw ChatException.Conflict($"A room with id '{RoomId}' already exists.");
        }

        ValidateName(settings.Name);
        ValidateTopic(settings.Topic);
        await GrainFactory.GetGrain<IUserGrain>(owner).AddRoom(RoomId);
        var leftoverOwner = state.RecordExists && state.State.Owner != owner ? state.State.Owner : null;
        state.State = new RoomState
        {
            Name = settings.Name.Trim(),
            Topic = NormalizeTopic(settings.Topic),
            IsPrivate = settings.IsPrivate,
            Owner = owner,
            CreatedAt = time.GetUtcNow(),
            Members = new SortedSet<string>(StringComparer.Ordinal) { owner },
            Creating = true,
        };
        try
        {
            await state.WriteStateAsync();
            if (leftoverOwner is not null)
            {
                await GrainFactory.GetGrain<IUserGrain>(leftoverOwner).RemoveRoom(RoomId);
            }

            // A room id may be reused after a delete: start from whatever the log says.
            await LoadRecentAsync(CancellationToken.None);
            _closed = false;
            await PublishToDirectoryAsync();
            state.State.Creating = false;
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            LogCreateFailed(error, RoomId, owner);
            await RollBackCreateAsync(owner);
            throw new ChatException(ChatErrorCode.Unavailable, $"Room '{RoomId}' could not be created; nothing was kept. Try again.");
        }

        LogRoomCreated(RoomId, owner, settings.IsPrivate);
        return ToInfo();
    }

    private async Task RollBackCreateAsync(string owner)
    {
        state.State.Creating = true;
        try
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Remove(RoomId);
            await GrainFactory.GetGrain<IUserGrain>(owner).RemoveRoom(RoomId);
            await state.ClearStateAsync();
        }
        catch (Exception error)
        {
            LogCreateRollBackFailed(error, RoomId);
        }
    }

    public Task<RoomInfo> Get(string caller)
    {
        RequireReader(caller);
        return Task.FromResult(ToInfo());
    }

    public async Task<RoomInfo> Update(string caller, RoomPatch patch)
    {
        RequireOwner(caller);
        if (patch.Name is not null)
        {
            ValidateName(patch.Name);
            state.State.Name = patch.Name.Trim();
        }

        if (patch.Topic is not null)
        {
            ValidateTopic(patch.Topic);
            state.State.Topic = NormalizeTopic(patch.Topic);
        }

        if (patch.IsPrivate is { } isPrivate)
        {
            state.State.IsPrivate = isPrivate;
        }

        if (patch.Owner is { } newOwner && newOwner != state.State.Owner)
        {
            if (!state.State.Members.Contains(newOwner))
            {
                throw ChatException.Invalid($"Ownership passes only to a member of room '{RoomId}': add '{newOwner}' first.");
            }

            state.State.Owner = newOwner;
        }

        await state.WriteStateAsync();
        await PublishToDirectoryAsync();
        if (state.State.IsPrivate)
        {
            await PublishAccessChangedAsync(deleted: false);
        }

        return ToInfo();
    }

    public async Task Delete(string caller)
    {
        RequireOwner(caller);
        _closed = true;
        if (_commitLoop is { } loop)
        {
            await loop;
        }

        var members = state.State.Members.ToArray();
        _presenceBySilo.Clear();
        await log.DeleteRoomAsync(RoomId);
        await state.ClearStateAsync();
        await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Remove(RoomId);
        await Task.WhenAll(members.Select(m => GrainFactory.GetGrain<IUserGrain>(m).RemoveRoom(RoomId)));
        await PublishAccessChangedAsync(deleted: true);
        LogRoomDeleted(RoomId, caller);
        DeactivateOnIdle();
    }

    /// <summary>
    /// The owner adds a user. It counts against the user's cap for rooms others added them to, never against their own
    /// (see <see cref="IUserGrain.AddedToRoom"/>); the user's list is updated first, so a refusal leaves the room as it was.
    /// </summary>
    public async Task<RoomInfo> AddMember(string caller, string userName)
    {
        RequireOwner(caller);
        var user = GrainFactory.GetGrain<IUserGrain>(userName);
        if (!await user.Exists())
        {
            throw ChatException.NotFound($"There is no user '{userName}'.");
        }

        if (!state.State.Members.Contains(userName))
        {
            if (state.State.Members.Count >= _options.MaxMembers)
            {
                throw ChatException.Invalid($"A room has at most {_options.MaxMembers} members.");
            }

            var listed = await user.AddedToRoom(RoomId);
            state.State.Members.Add(userName);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Members.Remove(userName);
                if (listed)
                {
                    await user.RemoveRoom(RoomId);
                }

                throw;
            }

            await PublishToDirectoryAsync();
        }

        return ToInfo();
    }

    /// <summary>The owner removes a member, or a member leaves (<paramref name="caller"/> = <paramref name="userName"/>). The owner cannot leave: transfer ownership or delete the room.</summary>
    public async Task<RoomInfo> RemoveMember(string caller, string userName)
    {
        if (caller == userName)
        {
            RequireReader(caller);
        }
        else
        {
            RequireOwner(caller);
        }

        if (userName == state.State.Owner)
        {
            throw ChatException.Invalid("The owner cannot leave or be removed: give the room another owner (PATCH owner) or delete it.");
        }

        if (state.State.Members.Remove(userName))
        {
            await state.WriteStateAsync();
            await PublishToDirectoryAsync();
            if (state.State.IsPrivate)
            {
                await PublishAccessChangedAsync(deleted: false);
            }
        }

        await GrainFactory.GetGrain<IUserGrain>(userName).RemoveRoom(RoomId);
        return ToInfo();
    }

    public async Task<JoinResult> Join(string caller)
    {
        RequireReader(caller);
        var result = new JoinResult(ToInfo(), _window.ToList(), LastDurableSeq, OnlineUsers());
        await GrainFactory.GetGrain<IUserGrain>(caller).AddRoom(RoomId);
        return result;
    }

    public Task<ChatMessage> Post(string author, string text, string? clientMessageId)
    {
        RequireReader(author);
        if (_recovering)
        {
            throw new ChatException(ChatErrorCode.Unavailable, "The room is recovering from a storage error. Send the message again shortly.");
        }

        var trimmed = ValidateText(text);
        if (clientMessageId is { Length: 0 or > ChatLimits.MaxClientMessageIdLength })
        {
            throw ChatException.Invalid($"A client message id must be 1 to {ChatLimits.MaxClientMessageIdLength} characters.");
        }

        if (clientMessageId is not null && _idempotency.TryGet(author, clientMessageId, out var existingSeq))
        {
            return FindStoredAsync(existingSeq);
        }

        var now = TruncatedNow();
        var seq = ++_lastAssignedSeq;
        var message = new ChatMessage(RoomId, seq, Guid.CreateVersion7(now).ToString(), author, trimmed, now, clientMessageId);
        var pending = new PendingMessage(message, isNew: true, new MessagePosted(message));
        _pending[seq] = pending;
        if (clientMessageId is not null)
        {
            _idempotency.Add(new ClientMessageKey(seq, author, clientMessageId));
        }

        return Enqueue(pending);
    }

    public async Task<IReadOnlyList<ChatMessage>> GetHistory(string caller, MessageQuery query)
    {
        RequireReader(caller);
        if (query.Limit is < 1 or > MessageQuery.MaxLimit)
        {
            throw ChatException.Invalid($"limit must be between 1 and {MessageQuery.MaxLimit}.");
        }

        if (query.After is < 0 || query.Before is < 1)
        {
            throw ChatException.Invalid("after must be 0 or more and before 1 or more.");
        }

        if (_window.TryRead(query, out var page))
        {
            return page;
        }

        var stored = await log.ReadAsync(RoomId, query);
        return stored.Where(m => m.Seq <= LastDurableSeq).Select(protector.Unprotect).ToArray();
    }

    /// <summary>Seqs are assigned contiguously and everything still pending comes after the last durable one.</summary>
    private long LastDurableSeq => _lastAssignedSeq - _pending.Count;

    private async Task<ChatMessage> FindStoredAsync(long seq)
    {
        if (_pending.TryGetValue(seq, out var pending))
        {
            return await pending.Stored;
        }

        if ((_window.Find(seq) ?? _changing.GetValueOrDefault(seq)) is { } recent)
        {
            return recent;
        }

        var page = await log.ReadAsync(RoomId, new MessageQuery(seq - 1, null, 1));
        return page.FirstOrDefault(m => m.Seq == seq) is { } stored
            ? protector.Unprotect(stored)
            : throw new InvalidOperationException($"Message {seq} of room '{RoomId}' is missing from the log.");
    }

    private Task<ChatMessage> Enqueue(PendingMessage pending)
    {
        _queue.Add(pending);
        if (_commitLoop is null || _commitLoop.IsCompleted)
        {
            _commitLoop = CommitLoopAsync();
        }

        return pending.Stored;
    }

    /// <summary>
    /// Queues a change to a stored message. The window shows it at once; the commit loop writes it (with whatever
    /// else is queued, in order) and then publishes <paramref name="roomEvent"/>.
    /// </summary>
    private Task<ChatMessage> EnqueueChange(ChatMessage changed, RoomEvent roomEvent)
    {
        if (!_window.Replace(changed))
        {
            _changing[changed.Seq] = changed;
        }

        return Enqueue(new PendingMessage(changed, isNew: false, roomEvent));
    }

    /// <summary>
    /// The room's only writer. Each turn writes everything queued since the last one: new messages in one append,
    /// then changes (edits, tombstones, tags; the latest per seq) in one update. Then it acknowledges, keeps new
    /// messages in the window and publishes the events in order.
    /// </summary>
    private async Task CommitLoopAsync()
    {
        while (_queue.Count > 0)
        {
            var batch = _queue.ToArray();
            _queue.Clear();
            var appends = batch.Where(p => p.IsNew).Select(p => Stored(p.Message)).ToArray();
            var changes = batch.Where(p => !p.IsNew).GroupBy(p => p.Message.Seq).Select(g => Stored(g.Last().Message)).ToArray();
            try
            {
                if (appends.Length > 0)
                {
                    await log.AppendAsync(RoomId, appends);
                }

                if (changes.Length > 0)
                {
                    await log.UpdateAsync(RoomId, changes);
                }
            }
            catch (Exception error)
            {
                await RecoverFromFailedWriteAsync(batch, error);
                return;
            }

            foreach (var pending in batch)
            {
                if (pending.IsNew)
                {
                    _window.Add(pending.Message);
                    _pending.Remove(pending.Message.Seq);
                }
                else
                {
                    _changing.Remove(pending.Message.Seq);
                }

                pending.Complete();
            }

            foreach (var pending in batch)
            {
                await PublishAsync(pending.Event);
                if (pending.Event is MessagePosted or MessageEdited)
                {
                    HandOffSlowWork(pending.Message);
                }
            }
        }
    }

    /// <summary>The form a message is stored in: private rooms' text encrypted.</summary>
    private ChatMessage Stored(ChatMessage message) => state.State.IsPrivate ? protector.Protect(message) : message;

    /// <summary>
    /// The batch (and whatever queued behind it) was not acknowledged. The write may or may not have landed,
    /// so the room re-reads the log (last durable seq, window, idempotency keys) before it assigns another seq.
    /// </summary>
    private async Task RecoverFromFailedWriteAsync(PendingMessage[] batch, Exception error)
    {
        var failed = batch.Concat(_queue).ToArray();
        _queue.Clear();
        LogAppendFailed(error, RoomId, failed.Length, failed[0].Message.Seq);
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
            await LoadRecentAsync(CancellationToken.None);
            _recovering = false;
        }
        catch (Exception reloadError)
        {
            // The store is unreachable: a fresh activation reads the log again.
            LogReloadFailed(reloadError, RoomId);
            DeactivateOnIdle();
        }
    }

    private async Task LoadRecentAsync(CancellationToken cancellationToken)
    {
        var recent = (await log.ReadAsync(RoomId, MessageQuery.Newest(_options.RecentWindowSize), cancellationToken))
            .Select(protector.Unprotect).ToArray();
        _window.Reset(recent);
        _lastAssignedSeq = recent.Length == 0 ? 0 : recent[^1].Seq;
        var keys = await log.ReadClientMessageKeysAsync(RoomId, Math.Max(0, _lastAssignedSeq - _options.IdempotencyHorizon), cancellationToken);
        _idempotency.Reset(keys);
    }

    public async Task<ChatMessage> Edit(string caller, long seq, string text)
    {
        RequireReader(caller);
        var trimmed = ValidateText(text);
        var message = await FindForChangeAsync(seq);
        if (message.Author != caller)
        {
            throw ChatException.Forbidden("Only the author may edit a message.");
        }

        var edited = message with { Text = trimmed, EditedAt = TruncatedNow(), Tags = null };
        return await EnqueueChange(edited, new MessageEdited(edited));
    }

    public async Task<ChatMessage> DeleteMessage(string caller, long seq)
    {
        RequireReader(caller);
        var message = await FindForChangeAsync(seq);
        if (message.Author != caller && state.State.Owner != caller)
        {
            throw ChatException.Forbidden("Only the author or the room owner may delete a message.");
        }

        var tombstone = message with { Text = "", Deleted = true, Tags = null, EditedAt = TruncatedNow() };
        return await EnqueueChange(tombstone, new MessageDeleted(RoomId, seq));
    }

    public async Task Tag(long seq, DateTimeOffset version, MessageTags tags)
    {
        if (!state.RecordExists || _closed || seq > LastDurableSeq)
        {
            return;
        }

        var message = _window.Find(seq) ?? await FindStoredAsync(seq);
        if (message.Deleted || (message.EditedAt ?? message.SentAt) != version)
        {
            return;
        }

        // Not awaited: tags are written with the room's next batch, so they never add a write of their own.
        _ = EnqueueChange(message with { Tags = tags }, new MessageTagged(RoomId, seq, tags));
    }

    public Task Typing(string caller)
    {
        RequireReader(caller);
        var now = time.GetUtcNow();
        if (_lastTyping.TryGetValue(caller, out var last) && now - last < _options.TypingThrottle)
        {
            return Task.CompletedTask;
        }

        if (_lastTyping.Count >= 256)
        {
            foreach (var stale in _lastTyping.Where(t => now - t.Value >= _options.TypingThrottle).Select(t => t.Key).ToArray())
            {
                _lastTyping.Remove(stale);
            }
        }

        _lastTyping[caller] = now;
        return PublishAsync(new UserTyping(RoomId, caller));
    }

    public async Task SetPresence(string silo, IReadOnlyList<string> users)
    {
        var before = OnlineUsers().ToHashSet(StringComparer.Ordinal);
        if (users.Count == 0)
        {
            _presenceBySilo.Remove(silo);
        }
        else
        {
            _presenceBySilo[silo] = users.ToHashSet(StringComparer.Ordinal);
        }

        // What dead silos reported is forgotten here: cleanup follows cluster membership, not a timeout.
        foreach (var dead in _presenceBySilo.Keys.Where(s => !liveness.IsAlive(s)).ToArray())
        {
            _presenceBySilo.Remove(dead);
        }

        var after = OnlineUsers().ToHashSet(StringComparer.Ordinal);
        foreach (var user in after.Except(before).Order(StringComparer.Ordinal))
        {
            await PublishAsync(new PresenceChanged(RoomId, user, true));
        }

        foreach (var user in before.Except(after).Order(StringComparer.Ordinal))
        {
            await PublishAsync(new PresenceChanged(RoomId, user, false));
        }
    }

    public Task<long> GetLastSeq() => Task.FromResult(state.RecordExists && !_closed ? LastDurableSeq : 0);

    private string[] OnlineUsers() =>
        _presenceBySilo.Values.SelectMany(u => u).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private async Task<ChatMessage> FindForChangeAsync(long seq)
    {
        if (seq < 1 || seq > LastDurableSeq)
        {
            throw ChatException.NotFound($"Room '{RoomId}' has no message {seq}.");
        }

        var message = await FindStoredAsync(seq);
        return message.Deleted ? throw ChatException.NotFound($"Message {seq} of room '{RoomId}' was deleted.") : message;
    }

    /// <summary>Analysis and mention delivery run in stateless workers (one-way calls), never in the room's turn.</summary>
    private void HandOffSlowWork(ChatMessage message)
    {
        if (_options.AnalyzeMessages)
        {
            _ = GrainFactory.GetGrain<IMessageAnalysisGrain>(0).Analyze(RoomId, message.Seq, message.EditedAt ?? message.SentAt, message.Text);
        }

        var mentioned = MentionParser.Parse(message.Text)
            .Where(u => u != message.Author && (!state.State.IsPrivate || state.State.Members.Contains(u)))
            .ToArray();
        if (mentioned.Length > 0 && message.EditedAt is null)
        {
            var excerpt = message.Text.Length <= 200 ? message.Text : message.Text[..200] + "…";
            _ = GrainFactory.GetGrain<IMentionDeliveryGrain>(0).Deliver(
                new MentionDraft(RoomId, message.Seq, message.Author, excerpt, message.SentAt, state.State.IsPrivate), mentioned);
        }
    }

    private string ValidateText(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw ChatException.Invalid("Message text must not be empty.");
        }

        return trimmed.Length <= _options.MaxMessageLength
            ? trimmed
            : throw ChatException.Invalid($"Message text must be at most {_options.MaxMessageLength} characters.");
    }

    /// <summary>Millisecond precision: what the stores keep, so a message reads back exactly as it was acknowledged.</summary>
    private DateTimeOffset TruncatedNow()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private async Task PublishAsync(ChatEvent roomEvent)
    {
        try
        {
            await Stream.OnNextAsync(roomEvent);
        }
        catch (Exception error)
        {
            // Real-time delivery is best effort: clients catch up from their last seq.
            LogPublishFailed(error, RoomId);
        }
    }

    private Task PublishAccessChangedAsync(bool deleted) =>
        PublishAsync(new RoomAccessChanged(RoomId, deleted, state.State.IsPrivate, deleted ? [] : state.State.Members.ToArray()));

    private Task PublishToDirectoryAsync() =>
        GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Upsert(new RoomSummary(
            RoomId,
            state.State.Name,
            state.State.Topic,
            state.State.IsPrivate,
            state.State.Owner,
            state.State.IsPrivate ? state.State.Members.ToArray() : []));

    private RoomInfo ToInfo() => new(
        RoomId,
        state.State.Name,
        state.State.Topic,
        state.State.IsPrivate,
        state.State.Owner,
        state.State.CreatedAt,
        state.State.Members.ToArray(),
        LastDurableSeq);

    private void RequireRoom()
    {
        if (!state.RecordExists || _closed || state.State.Creating)
        {
            throw ChatException.NotFound($"There is no room '{RoomId}'.");
        }
    }

    private void RequireReader(string caller)
    {
        RequireRoom();
        if (state.State.IsPrivate && !state.State.Members.Contains(caller))
        {
            throw ChatException.Forbidden($"Room '{RoomId}' is private: only its members may see it.");
        }
    }

    private void RequireOwner(string caller)
    {
        RequireReader(caller);
        if (state.State.Owner != caller)
        {
            throw ChatException.Forbidden($"Only the owner of room '{RoomId}' may do that.");
        }
    }

    private static void ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > ChatLimits.MaxRoomNameLength)
        {
            throw ChatException.Invalid($"A room name must be 1 to {ChatLimits.MaxRoomNameLength} characters.");
        }
    }

    private static void ValidateTopic(string? topic)
    {
        if (topic is not null && topic.Trim().Length > ChatLimits.MaxTopicLength)
        {
            throw ChatException.Invalid($"A topic must be at most {ChatLimits.MaxTopicLength} characters.");
        }
    }

    private static string? NormalizeTopic(string? topic) => string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created by {Owner} (private: {IsPrivate})")]
    private partial void LogRoomCreated(string roomId, string owner, bool isPrivate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} of {Owner} could not be created; rolling it back")]
    private partial void LogCreateFailed(Exception error, string roomId, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not be rolled back after a failed creation; it stays invisible until its id is created again")]
    private partial void LogCreateRollBackFailed(Exception error, string roomId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted by {Caller}")]
    private partial void LogRoomDeleted(string roomId, string caller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not store {Count} write(s) from seq {FirstSeq}; the senders were told to retry")]
    private partial void LogAppendFailed(Exception error, string roomId, int count, long firstSeq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not re-read its log after a failed append; it deactivates and reloads on the next call")]
    private partial void LogReloadFailed(Exception error, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} could not publish an event; clients will catch up from history")]
    private partial void LogPublishFailed(Exception error, string roomId);
}
