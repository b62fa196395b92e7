using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Users;

/// <summary>
/// A user: credentials hash, profile, rooms, read positions, a bounded notification inbox and presence (which
/// front silos hold a live connection of the user: kept in memory, reported by those silos when it changes and asked
/// of them when the grain activates). Notifications are pushed to those silos.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", ChatNames.GrainStorage)] IPersistentState<UserState> state,
    ISiloLiveness liveness,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>Most rooms one user's list holds.</summary>
    public const int MaxRooms = 1000;

    /// <summary>Most notifications the inbox keeps (older ones fall out).</summary>
    public const int MaxInbox = 200;

    /// <summary>Most unread mentions remembered per room.</summary>
    public const int MaxMentionsPerRoom = 100;

    /// <summary>How long an activating user grain waits for the silos to say where the user is connected.</summary>
    private static readonly TimeSpan PresenceQuestionTimeout = TimeSpan.FromSeconds(2);

    private readonly TopicPresence _presence = new(liveness);
    private SiloFanOut _fanOut = null!;

    private string UserName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _fanOut = new SiloFanOut(GrainFactory, silo => _presence.Forget(silo), logger);
        if (state.RecordExists)
        {
            foreach (var report in await _fanOut.AskAsync(liveness.ActiveSilos(), Topic.User(UserName), PresenceQuestionTimeout))
            {
                _presence.Apply(report);
            }
        }
    }

    public async Task<bool> Register(string passwordHash, string? displayName, string? email = null)
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
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetPasswordHash() => Task.FromResult(state.RecordExists ? state.State.PasswordHash : null);

    public async Task SetPasswordHash(string passwordHash)
    {
        RequireUser();
        state.State.PasswordHash = passwordHash;
        await state.WriteStateAsync();
    }

    public Task<bool> Exists() => Task.FromResult(state.RecordExists);

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.RecordExists
        ? new UserProfile(
            UserName,
            state.State.DisplayName,
            state.State.CreatedAt,
            state.State.Rooms.ToArray(),
            state.State.Email,
            state.State.Rooms.Select(ReadStateOf).ToArray())
        : null);

    public async Task AddRoom(string roomId)
    {
        RequireUser();
        if (state.State.Rooms.Contains(roomId))
        {
            return;
        }

        if (state.State.Rooms.Count >= MaxRooms)
        {
            throw ChatException.Invalid($"A user belongs to at most {MaxRooms} rooms.");
        }

        state.State.Rooms.Add(roomId);
        await state.WriteStateAsync();
    }

    public async Task RemoveRoom(string roomId)
    {
        if (state.RecordExists && state.State.Rooms.Remove(roomId))
        {
            state.State.ReadPositions.Remove(roomId);
            state.State.UnreadMentions.Remove(roomId);
            await state.WriteStateAsync();
        }
    }

    public Task SetPresence(PresenceReport presence)
    {
        _presence.Apply(presence);
        return Task.CompletedTask;
    }

    public async Task<NotifyResult> Notify(MentionDraft mention)
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
        state.State.Inbox.Add(notification);
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

        await state.WriteStateAsync();

        // Stored in the inbox already: the live push is best effort.
        _fanOut.Send(_presence.Silos(), new NotificationReceived(notification));
        return new NotifyResult(true, _presence.IsListenedTo, state.State.Email, notification);
    }

    public Task<NotificationPage> GetNotifications(long? before, int limit)
    {
        RequireUser();
        if (limit is < 1 or > 200)
        {
            throw ChatException.Invalid("limit must be between 1 and 200.");
        }

        var page = state.State.Inbox
            .Where(n => before is null || n.Id < before)
            .Reverse()
            .Take(limit)
            .ToArray();
        return Task.FromResult(new NotificationPage(page, state.State.Inbox.Count(n => !n.Read)));
    }

    public async Task<int> MarkNotificationsRead(long? upTo)
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
            await state.WriteStateAsync();
        }

        return state.State.Inbox.Count(n => !n.Read);
    }

    public async Task<RoomReadState> MarkRead(string roomId, long seq)
    {
        RequireUser();
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

            await state.WriteStateAsync();
        }

        return ReadStateOf(roomId);
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
}
