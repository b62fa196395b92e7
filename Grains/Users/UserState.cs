using Chat.Grains.Abstractions.Users;

namespace Chat.Grains.Users;

/// <summary>A user's durable record. Every collection is bounded by the grain.</summary>
[GenerateSerializer, Alias("chat.user-state")]
public sealed class UserState
{
    /// <summary>The grain state's name in the grain storage.</summary>
    public const string StateName = "user";

    [Id(0)] public string PasswordHash { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public SortedSet<string> Rooms { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public string? Email { get; set; }

    /// <summary>Last seq the user has read, per room.</summary>
    [Id(5)] public Dictionary<string, long> ReadPositions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seqs of unread mentions, per room (bounded per room).</summary>
    [Id(6)] public Dictionary<string, List<long>> UnreadMentions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The newest notifications, oldest first (bounded).</summary>
    [Id(7)] public List<Notification> Inbox { get; set; } = [];

    [Id(8)] public long LastNotificationId { get; set; }

    /// <summary>The rooms in <see cref="Rooms"/> that others added the user to: they do not count toward the user's own cap.</summary>
    [Id(9)] public SortedSet<string> AddedRooms { get; set; } = new(StringComparer.Ordinal);
}
