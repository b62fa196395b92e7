using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Delivery;
using Chat.Grains.Encryption;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Rooms;

/// <summary>
/// The single writer and coordinator of a room. It checks access and hands each job to a part it owns: the
/// <see cref="RoomMembership"/> (members, owner, privacy: who may do what), the <see cref="RoomRecord"/> (the stored
/// record and where the room is listed, kept in step), the <see cref="CommitPipeline"/> (seq, group commit, recent
/// window) with the <see cref="MessageChanges"/> that go through it, the <see cref="RoomListeners"/> (who listens on
/// which silo, and the push of events there), the <see cref="RoomPublisher"/> (directory entry; slow work handed to
/// stateless workers after the acknowledgement) and the <see cref="TypingThrottle"/>.
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
    private RoomRecord _record = null!;
    private CommitPipeline _commits = null!;
    private MessageChanges _changes = null!;
    private RoomListeners _listeners = null!;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _room = new RoomMembership(RoomId, state, _options.MaxMembers);
        _publisher = new RoomPublisher(RoomId, GrainFactory, _room, _options.AnalyzeMessages);
        _record = new RoomRecord(RoomId, state, _room, _publisher, GrainFactory, logger);
        _listeners = new RoomListeners(RoomId, GrainFactory, liveness, logger);
        StartPipeline();
        if (state.RecordExists)
        {
            await _commits.LoadAsync(cancellationToken);
            await _listeners.AskSilosAsync();
        }
    }

    /// <summary>All or nothing (see <see cref="RoomRecord.CreateAsync"/>); a room id may be reused after a delete, so its messages start from whatever the log says.</summary>
    public async Task<RoomInfo> CreateAsync(string owner, RoomSettings settings)
    {
        await _record.CreateAsync(owner, settings, time.GetUtcNow(), () =>
        {
            StartPipeline();
            return _commits.LoadAsync(CancellationToken.None);
        });
        return ToInfo();
    }

    public Task<RoomInfo> GetAsync(string caller)
    {
        _room.RequireReader(caller);
        return Task.FromResult(ToInfo());
    }

    public async Task<RoomInfo> UpdateAsync(string caller, RoomPatch patch)
    {
        _room.RequireOwner(caller);
        await _record.UpdateAsync(patch);
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
        await log.DeleteRoomAsync(RoomId);
        await _record.DeleteAsync();
        PublishAccessChanged(deleted: true);
        LogRoomDeleted(RoomId, caller);

        // The front silos drop the room's connections before this activation goes (their answer never waits on it).
        await _listeners.FlushAsync(time);
        DeactivateOnIdle();
    }

    /// <summary>The owner adds a user, with the user's consent by cap (see <see cref="RoomRecord.AddAsync"/>).</summary>
    public async Task<RoomInfo> AddMemberAsync(string caller, string userName)
    {
        _room.RequireOwner(caller);
        await _record.AddAsync(userName);
        return ToInfo();
    }

    /// <summary>The owner removes a member, or a member leaves (<paramref name="caller"/> = <paramref name="userName"/>). The owner cannot leave: transfer ownership or delete the room.</summary>
    public async Task<RoomInfo> RemoveMemberAsync(string caller, string userName)
    {
        _room.RequireMayRemove(caller, userName);
        if (await _record.RemoveAsync(userName) && _room.IsPrivate)
        {
            PublishAccessChanged(deleted: false);
        }

        await _record.UnlistForAsync(userName);
        return ToInfo();
    }

    public async Task<JoinResult> JoinAsync(string caller, PresenceReport presence)
    {
        _room.RequireReader(caller);
        _listeners.Report(presence);
        var result = new JoinResult(ToInfo(), _commits.Recent(), _commits.LastDurableSeq, _listeners.Online());
        await _record.ListForAsync(caller);
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

    public Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string caller, MessageQuery query, CancellationToken cancellationToken = default)
    {
        _room.RequireReader(caller);
        RoomRules.HistoryQuery(query);
        return _commits.ReadAsync(query, cancellationToken);
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
