using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace Chat.Grains.Abstractions.Rooms;

/// <summary>
/// A chat room (key: room id). The single writer of its room: it assigns seq numbers and
/// server timestamps, makes messages durable, keeps a bounded recent window and pushes its events to the front silos
/// that hold its connections.
/// Callers pass the authenticated user name; the grain checks access.
/// </summary>
[Alias("chat.room")]
public interface IRoomGrain : IGrainWithStringKey
{
    [Alias("create")]
    Task<RoomInfo> CreateAsync(string owner, RoomSettings settings);

    [Alias("get"), AlwaysInterleave]
    Task<RoomInfo> GetAsync(string caller);

    [Alias("update")]
    Task<RoomInfo> UpdateAsync(string caller, RoomPatch patch);

    [Alias("delete")]
    Task DeleteAsync(string caller);

    [Alias("add-member")]
    Task<RoomInfo> AddMemberAsync(string caller, string userName);

    [Alias("remove-member")]
    Task<RoomInfo> RemoveMemberAsync(string caller, string userName);

    /// <summary>
    /// Checks access, takes the front silo's presence report (which already counts the caller's connection, so live
    /// delivery starts before the window is read and nothing falls between) and returns the room with its recent window.
    /// </summary>
    [Alias("join"), AlwaysInterleave]
    Task<JoinResult> JoinAsync(string caller, PresenceReport presence);

    /// <summary>Stores a message and returns it once it is durable: that return is the acknowledgement.</summary>
    [Alias("post"), AlwaysInterleave]
    Task<ChatMessage> PostAsync(string author, string text, string? clientMessageId);

    [Alias("history"), AlwaysInterleave]
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string caller, MessageQuery query, CancellationToken cancellationToken = default);

    /// <summary>The author changes a message's text; it is analysed again.</summary>
    [Alias("edit")]
    Task<ChatMessage> EditAsync(string caller, long seq, string text);

    /// <summary>The author (or the room owner) turns a message into a tombstone.</summary>
    [Alias("delete-message")]
    Task<ChatMessage> DeleteMessageAsync(string caller, long seq);

    /// <summary>Attaches analysis results to a stored message (called by the analysis worker); ignored if the message changed since <paramref name="version"/>.</summary>
    [Alias("tag")]
    Task TagAsync(long seq, DateTimeOffset version, MessageTags tags);

    /// <summary>Tells the other members that the caller is typing; throttled per user, never stored.</summary>
    [Alias("typing"), AlwaysInterleave, OneWay]
    Task TypingAsync(string caller);

    /// <summary>A front silo reports every user connected to the room through it (a full snapshot for that silo).</summary>
    [Alias("presence"), AlwaysInterleave]
    Task SetPresenceAsync(PresenceReport presence);

    /// <summary>A notice for the room's connections, not stored (e.g. who was notified of a mention).</summary>
    [Alias("notice"), AlwaysInterleave, OneWay]
    Task NoticeAsync(string text);

    /// <summary>The last durable seq (for unread counts); no access check, it reveals nothing but a number.</summary>
    [Alias("last-seq"), AlwaysInterleave]
    Task<long> GetLastSeqAsync();
}
