using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Chat.Grains.Encryption;
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
    private RoomMembership _room = null!;
    private RoomPublisher _publisher = null!;
    private CommitPipeline _commits = null!;
    private MessageChanges _changes = null!;
    private RoomListeners _listeners = null!;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _room = new RoomMembership(RoomId, state, _options.MaxMembers);
        _publisher = new RoomPublisher(RoomId, GrainFactory, _room, _options.AnalyzeMessages);
        _listeners = new RoomListeners(RoomId, GrainFactory, liveness, logger);
        StartPipeline();
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
        _room.RequireFree();
        var name = RoomRules.Name(settings.Name);
        var topic = RoomRules.Topic(settings.Topic);
        await GrainFactory.GetGrain<IUserGrain>(owner).AddRoomAsync(RoomId);
        var leftoverOwner = _room.Start(owner, name, topic, settings.IsPrivate, time.GetUtcNow());
        try
        {
            await state.WriteStateAsync();
            if (leftoverOwner is not null)
            {
                await GrainFactory.GetGrain<IUserGrain>(leftoverOwner).RemoveRoomAsync(RoomId);
            }

            // A room id may be reused after a delete: start from whatever the log says.
            StartPipeline();
            await _commits.LoadAsync(CancellationToken.None);
            _room.Reopen();
            await _publisher.ListAsync();
            _room.SetCreating(false);
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
        _room.SetCreating(true);
        try
        {
            await _publisher.UnlistAsync();
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
        _room.RequireReader(caller);
        return Task.FromResult(ToInfo());
    }

    public async Task<RoomInfo> UpdateAsync(string caller, RoomPatch patch)
    {
        _room.RequireOwner(caller);
        _room.Apply(patch);
        await state.WriteStateAsync();
        await _publisher.ListAsync();
        if (_room.IsPrivate)
        {
            PublishAccessChanged(deleted: false);
        }

        return ToInfo();
    }

    public async Task DeleteAsync(string caller)
    {
        _room.RequireOwner(caller);
        _room.Close();
        await _commits.DrainAsync();
        var members = _room.Members();
        await log.DeleteRoomAsync(RoomId);
        await state.ClearStateAsync();
        await _publisher.UnlistAsync();
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
        _room.RequireOwner(caller);
        var user = GrainFactory.GetGrain<IUserGrain>(userName);
        if (!await user.ExistsAsync())
        {
            throw ChatException.NotFound($"There is no user '{userName}'.");
        }

        if (!_room.IsMember(userName))
        {
            _room.RequireSpace();
            var listed = await user.AddedToRoomAsync(RoomId);
            _room.Add(userName);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                _room.Remove(userName);
                if (listed)
                {
                    await user.RemoveRoomAsync(RoomId);
                }

                throw;
            }

            await _publisher.ListAsync();
        }

        return ToInfo();
    }

    /// <summary>The owner removes a member, or a member leaves (<paramref name="caller"/> = <paramref name="userName"/>). The owner cannot leave: transfer ownership or delete the room.</summary>
    public async Task<RoomInfo> RemoveMemberAsync(string caller, string userName)
    {
        _room.RequireMayRemove(caller, userName);
        if (_room.Remove(userName))
        {
            await state.WriteStateAsync();
            await _publisher.ListAsync();
            if (_room.IsPrivate)
            {
                PublishAccessChanged(deleted: false);
            }
        }

        await GrainFactory.GetGrain<IUserGrain>(userName).RemoveRoomAsync(RoomId);
        return ToInfo();
    }

    public async Task<JoinResult> JoinAsync(string caller, PresenceReport presence)
    {
        _room.RequireReader(caller);
        _listeners.Report(presence);
        var result = new JoinResult(ToInfo(), _commits.Recent(), _commits.LastDurableSeq, _listeners.Online());
        await GrainFactory.GetGrain<IUserGrain>(caller).AddRoomAsync(RoomId);
        return result;
    }

    public Task SetPresenceAsync(PresenceReport presence)
    {
        if (_room.IsOpen)
        {
            _listeners.Report(presence);
        }

        return Task.CompletedTask;
    }

    public Task<ChatMessage> PostAsync(string author, string text, string? clientMessageId)
    {
        _room.RequireReader(author);
        var trimmed = RoomRules.Text(text, _options.MaxMessageLength);
        RoomRules.ClientMessageId(clientMessageId);
        return _commits.PostAsync(author, trimmed, clientMessageId, RoomRules.MessageTime(time));
    }

    public Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string caller, MessageQuery query)
    {
        _room.RequireReader(caller);
        RoomRules.HistoryQuery(query);
        return _commits.ReadAsync(query);
    }

    public Task<ChatMessage> EditAsync(string caller, long seq, string text)
    {
        _room.RequireReader(caller);
        return _changes.EditAsync(caller, seq, RoomRules.Text(text, _options.MaxMessageLength));
    }

    public Task<ChatMessage> DeleteMessageAsync(string caller, long seq)
    {
        _room.RequireReader(caller);
        return _changes.DeleteAsync(caller, _room.IsOwner(caller), seq);
    }

    public Task TagAsync(long seq, DateTimeOffset version, MessageTags tags) =>
        _room.IsOpen ? _changes.TagAsync(seq, version, tags) : Task.CompletedTask;

    public Task TypingAsync(string caller)
    {
        _room.RequireReader(caller);
        if (_typing.TryPass(caller))
        {
            Publish(new UserTyping(RoomId, caller));
        }

        return Task.CompletedTask;
    }

    public Task NoticeAsync(string text)
    {
        if (_room.IsOpen)
        {
            Publish(new RoomNotice(RoomId, text));
        }

        return Task.CompletedTask;
    }

    public Task<long> GetLastSeqAsync() => Task.FromResult(_room.IsOpen ? _commits.LastDurableSeq : 0);

    /// <summary>A fresh pipeline (empty until loaded) and the message changes that go through it.</summary>
    private void StartPipeline()
    {
        _commits = new CommitPipeline(RoomId, log, protector, _options, Stored, OnCommitted, DeactivateOnIdle, metrics, time, logger);
        _changes = new MessageChanges(RoomId, _commits, time);
    }

    /// <summary>The form a message is stored in: private rooms' text encrypted.</summary>
    private ChatMessage Stored(ChatMessage message) => _room.IsPrivate ? protector.Protect(message) : message;

    private void OnCommitted(PendingMessage committed)
    {
        Publish(committed.Event);
        if (committed.Event is MessagePosted or MessageEdited)
        {
            _publisher.HandOff(committed.Message);
        }
    }

    private void Publish(ChatEvent roomEvent) => _listeners.Publish(roomEvent);

    private void PublishAccessChanged(bool deleted) => Publish(_room.AccessChanged(deleted));

    private RoomInfo ToInfo() => _room.Info(_commits.LastDurableSeq);
}
