using Chat.Grains.Abstractions.Delivery;

namespace Chat.Grains.Abstractions.Users;

/// <summary>A user (key: normalized user name): profile, password hash and the rooms the user belongs to.</summary>
[Alias("chat.user")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when the name is taken.</summary>
    [Alias("register")]
    Task<bool> RegisterAsync(string passwordHash, string? displayName, string? email = null);

    /// <summary>The stored password hash, or null when there is no such user.</summary>
    [Alias("password-hash")]
    Task<string?> GetPasswordHashAsync();

    /// <summary>Replaces the stored hash (used when the hasher asks for a rehash).</summary>
    [Alias("set-password-hash")]
    Task SetPasswordHashAsync(string passwordHash);

    [Alias("exists"), Orleans.Concurrency.ReadOnly]
    Task<bool> ExistsAsync();

    /// <summary>The profile, or null when there is no such user.</summary>
    [Alias("profile"), Orleans.Concurrency.ReadOnly]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>The user created or joined a room; refused when the user's own rooms are at their cap.</summary>
    [Alias("add-room")]
    Task AddRoomAsync(string roomId);

    /// <summary>
    /// Someone else added the user to a room. Such rooms have a cap of their own, so they never make the user's own
    /// actions fail; when it is full the addition is refused. True when the room was not yet in the user's list.
    /// </summary>
    [Alias("added-to-room")]
    Task<bool> AddedToRoomAsync(string roomId);

    [Alias("remove-room")]
    Task RemoveRoomAsync(string roomId);

    /// <summary>A front silo reports whether the user has a live connection through it (the user, or no one).</summary>
    [Alias("set-presence"), Orleans.Concurrency.AlwaysInterleave]
    Task SetPresenceAsync(PresenceReport presence);

    /// <summary>Stores a mention in the bounded inbox and pushes it live to the user's connections.</summary>
    [Alias("notify")]
    Task<NotifyResult> NotifyAsync(MentionDraft mention);

    /// <summary>Notifications, newest first, with ids below <paramref name="before"/> when given.</summary>
    [Alias("notifications"), Orleans.Concurrency.ReadOnly]
    Task<NotificationPage> GetNotificationsAsync(long? before, int limit);

    /// <summary>Marks notifications read: all of them, or those with id up to <paramref name="upTo"/>. Returns how many are still unread.</summary>
    [Alias("notifications-read")]
    Task<int> MarkNotificationsReadAsync(long? upTo);

    /// <summary>Moves the user's read position in a room forward (never back); clears the room's mentions up to it.</summary>
    [Alias("mark-read")]
    Task<RoomReadState> MarkReadAsync(string roomId, long seq);
}
