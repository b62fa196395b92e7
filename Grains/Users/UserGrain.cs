using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Chat.Grains.Encryption;
using Chat.Grains.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Users;

/// <summary>
/// A user: credentials hash, profile, rooms, read positions, a bounded notification inbox and presence (which
/// front silos hold a live connection of the user: kept in memory; the grain watches the silos when it activates,
/// which answer who is there and report each change from then on, until it deactivates). A connection alone never
/// activates the grain. Notifications are pushed to those silos.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState(UserState.StateName, ChatNames.GrainStorage)] IPersistentState<UserState> state,
    ISiloLiveness liveness,
    NotificationProtector protector,
    IOptions<UserOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>Most notifications the inbox keeps (older ones fall out).</summary>
    public const int MaxInbox = 200;

    /// <summary>Most unread mentions remembered per room.</summary>
    public const int MaxMentionsPerRoom = 100;

    private readonly TopicPresence _presence = new(liveness);
    private readonly Guid _watcher = Guid.NewGuid();
    private readonly HashSet<SiloAddress> _watched = [];
    private SiloFanOut _fanOut = null!;
    private DeferredStateWrite _readPositions = null!;
    private readonly EmailThrottle _emailThrottle = new(notificationOptions.Value.EmailInterval);

    private string UserName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _fanOut = new SiloFanOut(GrainFactory, silo => _presence.Forget(silo), logger);
        _readPositions = new DeferredStateWrite(this, WriteStateAsync, options.Value.ReadPositionWriteDelay);
        if (state.RecordExists)
        {
            await WatchAsync(liveness.ActiveSilos());
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo that shuts down takes its own watches with it, and a watch left on another silo only means that
        // silo's next report activates the grain again, which watches anew: not worth holding the shutdown for.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await _fanOut.UnwatchAsync([.. _watched.Where(liveness.IsAlive)], Topic.User(UserName), _watcher);
        }

        if (state.RecordExists)
        {
            await _readPositions.FlushAsync();
        }
    }

    public async Task<bool> RegisterAsync(string passwordHash, string? displayName, string? email = null)
    {
        if (state.RecordExists)
        {
            return false;
        }

        state.State = new UserState
        {
            PasswordHash = passwordHash,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? UserName : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
        };
        await WriteStateAsync();
        return true;
    }

    public Task<string?> GetPasswordHashAsync() => Task.FromResult(state.RecordExists ? state.State.PasswordHash : null);

    public async Task SetPasswordHashAsync(string passwordHash)
    {
        RequireUser();
        state.State.PasswordHash = passwordHash;
        await WriteStateAsync();
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.RecordExists);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(state.RecordExists
        ? new UserProfile(
            UserName,
            state.State.DisplayName,
            state.State.CreatedAt,
            state.State.Rooms.ToArray(),
            state.State.Email,
            state.State.Rooms.Select(ReadStateOf).ToArray())
        : null);

    public async Task AddRoomAsync(string roomId)
    {
        RequireUser();
        if (state.State.Rooms.Contains(roomId))
        {
            return;
        }

        var max = options.Value.MaxRooms;
        if (state.State.Rooms.Count - state.State.AddedRooms.Count >= max)
        {
            throw ChatException.Invalid($"A user creates or joins at most {max} rooms: leave one first.");
        }

        state.State.Rooms.Add(roomId);
        await WriteStateAsync();
    }

    public async Task<bool> AddedToRoomAsync(string roomId)
    {
        RequireUser();
        if (state.State.Rooms.Contains(roomId))
        {
            return false;
        }

        var max = options.Value.MaxRoomsAddedByOthers;
        if (state.State.AddedRooms.Count >= max)
        {
            throw ChatException.Invalid($"'{UserName}' has been added to {max} rooms by others, the most there may be: they must leave one first.");
        }

        state.State.Rooms.Add(roomId);
        state.State.AddedRooms.Add(roomId);
        await WriteStateAsync();
        return true;
    }

    public async Task RemoveRoomAsync(string roomId)
    {
        if (state.RecordExists && state.State.Rooms.Remove(roomId))
        {
            state.State.AddedRooms.Remove(roomId);
            state.State.ReadPositions.Remove(roomId);
            state.State.UnreadMentions.Remove(roomId);
            await WriteStateAsync();
        }
    }

    public Task SetPresenceAsync(PresenceReport presence)
    {
        // A silo reports only while it is watched: remember it for the unwatch.
        _watched.Add(presence.Silo);
        _presence.Apply(presence);
        return Task.CompletedTask;
    }

    public async Task<NotifyResult> NotifyAsync(MentionDraft mention)
    {
        if (!state.RecordExists)
        {
            return new NotifyResult(false, false, null, null);
        }

        var read = state.State.ReadPositions.GetValueOrDefault(mention.RoomId);
        var notification = new Notification(
            ++state.State.LastNotificationId,
            UserName,
            Notification.Mention,
            mention.RoomId,
            mention.Seq,
            mention.From,
            mention.Excerpt,
            time.GetUtcNow(),
            Read: false);
        // A private room's excerpt reaches the store encrypted; the live push and the caller get plain text.
        state.State.Inbox.Add(mention.IsPrivate ? protector.Protect(notification) : notification);
        if (state.State.Inbox.Count > MaxInbox)
        {
            state.State.Inbox.RemoveRange(0, state.State.Inbox.Count - MaxInbox);
        }

        if (mention.Seq > read)
        {
            var mentions = state.State.UnreadMentions.TryGetValue(mention.RoomId, out var list) ? list : state.State.UnreadMentions[mention.RoomId] = [];
            mentions.Add(mention.Seq);
            if (mentions.Count > MaxMentionsPerRoom)
            {
                mentions.RemoveRange(0, mentions.Count - MaxMentionsPerRoom);
            }
        }

        await WriteStateAsync();

        // A silo that joined since the activation, or did not answer then, is asked now: it reports nothing unasked.
        var unknown = liveness.ActiveSilos().Where(s => !_presence.Knows(s)).ToArray();
        if (unknown.Length > 0)
        {
            await WatchAsync(unknown);
        }

        // Stored in the inbox already: the live push is best effort.
        _fanOut.Send(_presence.Silos(), new NotificationReceived(notification));
        var online = _presence.IsListenedTo;
        if (online || state.State.Email is null)
        {
            return new NotifyResult(true, online, state.State.Email, notification);
        }

        var due = _emailThrottle.TryTake(time.GetUtcNow(), out var heldBack);
        return new NotifyResult(true, false, state.State.Email, notification, EmailHeldBack: !due, HeldBackBefore: heldBack);
    }

    public Task<NotificationPage> GetNotificationsAsync(long? before, int limit)
    {
        RequireUser();
        ChatLimits.RequirePageLimit(limit, ChatLimits.MaxNotificationPageSize);

        var page = state.State.Inbox
            .Where(n => before is null || n.Id < before)
            .Reverse()
            .Take(limit)
            .Select(Readable)
            .ToArray();
        return Task.FromResult(new NotificationPage(page, state.State.Inbox.Count(n => !n.Read)));
    }

    public async Task<int> MarkNotificationsReadAsync(long? upTo)
    {
        RequireUser();
        var changed = false;
        for (var i = 0; i < state.State.Inbox.Count; i++)
        {
            var n = state.State.Inbox[i];
            if (!n.Read && (upTo is null || n.Id <= upTo))
            {
                state.State.Inbox[i] = n with { Read = true };
                changed = true;
            }
        }

        if (changed)
        {
            await WriteStateAsync();
        }

        return state.State.Inbox.Count(n => !n.Read);
    }

    public async Task<RoomReadState> MarkReadAsync(string roomId, long seq)
    {
        RequireUser();
        if (!state.State.Rooms.Contains(roomId))
        {
            throw ChatException.Forbidden($"Room '{roomId}' is not one of your rooms: join it before marking it read.");
        }

        var current = state.State.ReadPositions.GetValueOrDefault(roomId);
        if (seq > current)
        {
            state.State.ReadPositions[roomId] = seq;
            if (state.State.UnreadMentions.TryGetValue(roomId, out var mentions))
            {
                mentions.RemoveAll(s => s <= seq);
                if (mentions.Count == 0)
                {
                    state.State.UnreadMentions.Remove(roomId);
                }
            }

            // Read positions are written at most once per UserOptions.ReadPositionWriteDelay (DeferredStateWrite).
            if (_readPositions.Changed())
            {
                await WriteStateAsync();
            }
        }

        return ReadStateOf(roomId);
    }

    /// <summary>Asks the silos who is there and has them report each change to this activation from now on.</summary>
    private async Task WatchAsync(IReadOnlyList<SiloAddress> silos)
    {
        _watched.UnionWith(silos);
        foreach (var report in await _fanOut.WatchAsync(silos, Topic.User(UserName), _watcher))
        {
            _presence.Apply(report);
        }
    }

    /// <summary>A stored notification as the user reads it; one whose key is gone shows without its excerpt.</summary>
    private Notification Readable(Notification notification)
    {
        try
        {
            return protector.Unprotect(notification);
        }
        catch (MessageDecryptionException error)
        {
            LogUnreadableExcerpt(error.Reason, UserName, notification.Id);
            return notification with { Excerpt = "", EncryptionKeyId = null };
        }
    }

    private RoomReadState ReadStateOf(string roomId) => new(
        roomId,
        state.State.ReadPositions.GetValueOrDefault(roomId),
        state.State.UnreadMentions.TryGetValue(roomId, out var mentions) ? mentions.Count : 0);

    private void RequireUser()
    {
        if (!state.RecordExists)
        {
            throw ChatException.NotFound($"There is no user '{UserName}'.");
        }
    }

    /// <summary>Every write of the user's state goes here: it also carries read positions that were waiting.</summary>
    private async Task WriteStateAsync()
    {
        await state.WriteStateAsync();
        _readPositions.Written();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The excerpt of notification {Id} of {UserName} could not be decrypted ({Failure}); it is shown without it")]
    private partial void LogUnreadableExcerpt(MessageDecryptionFailure failure, string userName, long id);
}
