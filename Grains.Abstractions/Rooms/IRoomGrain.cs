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
    Task<RoomInfo> Create(string owner, RoomSettings settings);

    [Alias("get"), AlwaysInterleave]
    Task<RoomInfo> Get(string caller);

    [Alias("update")]
    Task<RoomInfo> Update(string caller, RoomPatch patch);

    [Alias("delete")]
    Task Delete(string caller);

    [Alias("add-member")]
    Task<RoomInfo> AddMember(string caller, string userName);

    [Alias("remove-member")]
    Task<RoomInfo> RemoveMember(string caller, string userName);

    /// <summary>
    /// Checks access, takes the front silo's presence report (which already counts the caller's connection, so live
    /// delivery starts before the window is read and nothing falls between) and returns the room with its recent window.
    /// </summary>
    [Alias("join"), AlwaysInterleave]
    Task<JoinResult> Join(string caller, PresenceReport presence);

    /// <summary>Stores a message and returns it once it is durable: that return is the acknowledgement.</summary>
    [Alias("post"), AlwaysInterleave]
    Task<ChatMessage> Post(string author, string text, string? clientMessageId);

    [Alias("history"), AlwaysInterleave]
    Task<IReadOnlyList<ChatMessage>> GetHistory(string caller, MessageQuery query);

    /// <summary>The author changes a message's text; it is analysed again.</summary>
    [Alias("edit")]
    Task<ChatMessage> Edit(string caller, long seq, string text);

    /// <summary>The author (or the room owner) turns a message into a tombstone.</summary>
    [Alias("delete-message")]
    Task<ChatMessage> DeleteMessage(string caller, long seq);

    /// <summary>Attaches analysis results to a stored message (called by the analysis worker); ignored if the message changed since <paramref name="version"/>.</summary>
    [Alias("tag")]
    Task Tag(long seq, DateTimeOffset version, MessageTags tags);

    /// <summary>Tells the other members that the caller is typing; throttled per user, never stored.</summary>
    [Alias("typing"), AlwaysInterleave, OneWay]
    Task Typing(string caller);

    /// <summary>A front silo reports every user connected to the room through it (a full snapshot for that silo).</summary>
    [Alias("presence"), AlwaysInterleave]
    Task SetPresence(PresenceReport presence);

    /// <summary>A notice for the room's connections, not stored (e.g. who was notified of a mention).</summary>
    [Alias("notice"), AlwaysInterleave, OneWay]
    Task Notice(string text);

    /// <summary>The last durable seq (for unread counts); no access check, it reveals nothing but a number.</summary>
    [Alias("last-seq"), AlwaysInterleave]
    Task<long> GetLastSeq();
}
