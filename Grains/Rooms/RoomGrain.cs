using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Chat.Grains.Encryption;
using Chat.Grains.Mentions;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Rooms;

/// <summary>
/// The single writer and coordinator of a room: metadata and membership (persistent state), access checks, and
/// the parts it owns: the <see cref="CommitPipeline"/> (seq, group commit, recent window), the
/// <see cref="RoomListeners"/> (who listens on which silo, and the push of events there) and the
/// <see cref="TypingThrottle"/>. Slow work (analysis, mentions) goes to stateless workers after the acknowledgement.
/// </summary>
public sealed partial class RoomGrain(
    [PersistentState("room", ChatNames.GrainStorage)] IPersistentState<RoomState> state,
    IMessageLog log,
    MessageProtector protector,
    ISiloLiveness liveness,
    ChatMetrics metrics,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly RoomOptions _options = options.Value;
    private readonly TypingThrottle _typing = new(options.Value.TypingThrottle, time);
    private CommitPipeline _commits = null!;
    private RoomListeners _listeners = null!;
    private bool _closed;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _listeners = new RoomListeners(RoomId, GrainFactory, liveness, logger);
        _commits = NewPipeline();
        if (state.RecordExists)
        {
            await _commits.LoadAsync(cancellationToken);
            await _listeners.AskSilosAsync();
        }
    }

    /// <summary>
    /// All or nothing. The owner's cap is checked (and the room put in the owner's list) before anything of the room
    /// is written; the room is written marked as being created, listed in the directory, then written as complete.
    /// A failure on the way is rolled back (directory, owner's list, room). Should the roll-back fail as well, the
    /// room stays marked as being created: nobody can see it, and the next <see cref="Create"/> of this id replaces it.
    /// </summary>
    public async Task<RoomInfo> CreateAsync(string owner, RoomSettings settings)
    {
        if (state.RecordExists && !state.State.Creating)
        {
            throw ChatException.Conflict($"A room with id '{RoomId}' already exists.");
        }

        var name = RoomRules.Name(settings.Name);
        var topic = RoomRules.Topic(settings.Topic);
        await GrainFactory.GetGrain<IUserGrain>(owner).AddRoomAsync(RoomId);
        var leftoverOwner = state.RecordExists && state.State.Owner != owner ? state.State.Owner : null;
        state.State = new RoomState
        {
            Name = name,
            Topic = topic,
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
                await GrainFactory.GetGrain<IUserGrain>(leftoverOwner).RemoveRoomAsync(RoomId);
            }

            // A room id may be reused after a delete: start from whatever the log says.
            _commits = NewPipeline();
            await _commits.LoadAsync(CancellationToken.None);
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
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).RemoveAsync(RoomId);
            await GrainFactory.GetGrain<IUserGrain>(owner).RemoveRoomAsync(RoomId);
            await state.ClearStateAsync();
        }
        catch (Exception error)
        {
            LogCreateRollBackFailed(error, RoomId);
        }
    }

    public Task<RoomInfo> GetAsync(string caller)
    {
        RequireReader(caller);
        return Task.FromResult(ToInfo());
    }

    public async Task<RoomInfo> UpdateAsync(string caller, RoomPatch patch)
    {
        RequireOwner(caller);
        if (patch.Name is not null)
        {
            state.State.Name = RoomRules.Name(patch.Name);
        }

        if (patch.Topic is not null)
        {
            state.State.Topic = RoomRules.Topic(patch.Topic);
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
            PublishAccessChanged(deleted: false);
        }

        return ToInfo();
    }

    public async Task DeleteAsync(string caller)
    {
        RequireOwner(caller);
        _closed = true;
        await _commits.DrainAsync();
        var members = state.State.Members.ToArray();
        await log.DeleteRoomAsync(RoomId);
        await state.ClearStateAsync();
        await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).RemoveAsync(RoomId);
        await Task.WhenAll(members.Select(m => GrainFactory.GetGrain<IUserGrain>(m).RemoveRoomAsync(RoomId)));
        PublishAccessChanged(deleted: true);
        LogRoomDeleted(RoomId, caller);

        // The front silos drop the room's connections before this activation goes (their answer never waits on it).
        await _listeners.FlushAsync(time);
        DeactivateOnIdle();
    }

    /// <summary>
    /// The owner adds a user. It counts against the user's cap for rooms others added them to, never against their own
    /// (see <see cref="IUserGrain.AddedToRoomAsync"/>); the user's list is updated first, so a refusal leaves the room as it was.
    /// </summary>
    public async Task<RoomInfo> AddMemberAsync(string caller, string userName)
    {
        RequireOwner(caller);
        var user = GrainFactory.GetGrain<IUserGrain>(userName);
        if (!await user.ExistsAsync())
        {
            throw ChatException.NotFound($"There is no user '{userName}'.");
        }

        if (!state.State.Members.Contains(userName))
        {
            if (state.State.Members.Count >= _options.MaxMembers)
            {
                throw ChatException.Invalid($"A room has at most {_options.MaxMembers} members.");
            }

            var listed = await user.AddedToRoomAsync(RoomId);
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
                    await user.RemoveRoomAsync(RoomId);
                }

                throw;
            }

            await PublishToDirectoryAsync();
        }

        return ToInfo();
    }

    /// <summary>The owner removes a member, or a member leaves (<paramref name="caller"/> = <paramref name="userName"/>). The owner cannot leave: transfer ownership or delete the room.</summary>
    public async Task<RoomInfo> RemoveMemberAsync(string caller, string userName)
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
                PublishAccessChanged(deleted: false);
            }
        }

        await GrainFactory.GetGrain<IUserGrain>(userName).RemoveRoomAsync(RoomId);
        return ToInfo();
    }

    public async Task<JoinResult> JoinAsync(string caller, PresenceReport presence)
    {
        RequireReader(caller);
        _listeners.Report(presence);
        var result = new JoinResult(ToInfo(), _commits.Recent(), _commits.LastDurableSeq, _listeners.Online());
        await GrainFactory.GetGrain<IUserGrain>(caller).AddRoomAsync(RoomId);
        return result;
    }

    public Task SetPresenceAsync(PresenceReport presence)
    {
        if (state.RecordExists && !_closed)
        {
            _listeners.Report(presence);
        }

        return Task.CompletedTask;
    }

    public Task<ChatMessage> PostAsync(string author, string text, string? clientMessageId)
    {
        RequireReader(author);
        var trimmed = RoomRules.Text(text, _options.MaxMessageLength);
        RoomRules.ClientMessageId(clientMessageId);
        return _commits.PostAsync(author, trimmed, clientMessageId, RoomRules.MessageTime(time));
    }

    public Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string caller, MessageQuery query)
    {
        RequireReader(caller);
        RoomRules.HistoryQuery(query);
        return _commits.ReadAsync(query);
    }

    public async Task<ChatMessage> EditAsync(string caller, long seq, string text)
    {
        RequireReader(caller);
        var trimmed = RoomRules.Text(text, _options.MaxMessageLength);
        var message = await FindForChangeAsync(seq);
        if (message.Author != caller)
        {
            throw ChatException.Forbidden("Only the author may edit a message.");
        }

        var edited = message with { Text = trimmed, EditedAt = RoomRules.MessageTime(time), Tags = null };
        return await _commits.ChangeAsync(edited, new MessageEdited(edited));
    }

    public async Task<ChatMessage> DeleteMessageAsync(string caller, long seq)
    {
        RequireReader(caller);
        var message = await FindForChangeAsync(seq);
        if (message.Author != caller && state.State.Owner != caller)
        {
            throw ChatException.Forbidden("Only the author or the room owner may delete a message.");
        }

        var tombstone = message with { Text = "", Deleted = true, Tags = null, EditedAt = RoomRules.MessageTime(time) };
        return await _commits.ChangeAsync(tombstone, new MessageDeleted(RoomId, seq));
    }

    public async Task TagAsync(long seq, DateTimeOffset version, MessageTags tags)
    {
        if (!state.RecordExists || _closed || seq > _commits.LastDurableSeq)
        {
            return;
        }

        var message = await _commits.FindAsync(seq);
        if (message.Deleted || (message.EditedAt ?? message.SentAt) != version)
        {
            return;
        }

        // Not awaited: tags are written with the room's next batch, so they never add a write of their own.
        _ = _commits.ChangeAsync(message with { Tags = tags }, new MessageTagged(RoomId, seq, tags));
    }

    public Task TypingAsync(string caller)
    {
        RequireReader(caller);
        if (_typing.TryPass(caller))
        {
            Publish(new UserTyping(RoomId, caller));
        }

        return Task.CompletedTask;
    }

    public Task NoticeAsync(string text)
    {
        if (state.RecordExists && !_closed)
        {
            Publish(new RoomNotice(RoomId, text));
        }

        return Task.CompletedTask;
    }

    public Task<long> GetLastSeqAsync() => Task.FromResult(state.RecordExists && !_closed ? _commits.LastDurableSeq : 0);

    private CommitPipeline NewPipeline() => new(RoomId, log, protector, _options, Stored, OnCommitted, DeactivateOnIdle, metrics, time, logger);

    /// <summary>The form a message is stored in: private rooms' text encrypted.</summary>
    private ChatMessage Stored(ChatMessage message) => state.State.IsPrivate ? protector.Protect(message) : message;

    private void OnCommitted(PendingMessage committed)
    {
        Publish(committed.Event);
        if (committed.Event is MessagePosted or MessageEdited)
        {
            HandOffSlowWork(committed.Message);
        }
    }

    private async Task<ChatMessage> FindForChangeAsync(long seq)
    {
        if (seq < 1 || seq > _commits.LastDurableSeq)
        {
            throw ChatException.NotFound($"Room '{RoomId}' has no message {seq}.");
        }

        var message = await _commits.FindAsync(seq);
        return message.Deleted ? throw ChatException.NotFound($"Message {seq} of room '{RoomId}' was deleted.") : message;
    }

    /// <summary>Analysis and mention delivery run in stateless workers (one-way calls), never in the room's turn.</summary>
    private void HandOffSlowWork(ChatMessage message)
    {
        if (_options.AnalyzeMessages)
        {
            _ = GrainFactory.GetGrain<IMessageAnalysisGrain>(0).AnalyzeAsync(RoomId, message.Seq, message.EditedAt ?? message.SentAt, message.Text);
        }

        var mentioned = MentionParser.Parse(message.Text)
            .Where(u => u != message.Author && (!state.State.IsPrivate || state.State.Members.Contains(u)))
            .ToArray();
        if (mentioned.Length > 0 && message.EditedAt is null)
        {
            var excerpt = message.Text.Length <= 200 ? message.Text : message.Text[..200] + "…";
            _ = GrainFactory.GetGrain<IMentionDeliveryGrain>(0).DeliverAsync(
                new MentionDraft(RoomId, message.Seq, message.Author, excerpt, message.SentAt, state.State.IsPrivate), mentioned);
        }
    }

    private void Publish(ChatEvent roomEvent) => _listeners.Publish(roomEvent);

    private void PublishAccessChanged(bool deleted) =>
        Publish(new RoomAccessChanged(RoomId, deleted, state.State.IsPrivate, deleted ? [] : state.State.Members.ToArray()));

    private Task PublishToDirectoryAsync() =>
        GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).UpsertAsync(new RoomSummary(
            RoomId,
            state.State.Name,
            state.State.Topic,
            state.State.IsPrivate,
            state.State.Owner));

    private RoomInfo ToInfo() => new(
        RoomId,
        state.State.Name,
        state.State.Topic,
        state.State.IsPrivate,
        state.State.Owner,
        state.State.CreatedAt,
        state.State.Members.ToArray(),
        _commits.LastDurableSeq);

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
}
