using Chat.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace Chat.Grains.Abstractions.Rooms;

/// <summary>
/// A chat room (key: room id). The single writer of its room: it assigns seq numbers and
/// server timestamps, makes messages durable, keeps a bounded recent window and publishes to the room stream.
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

    /// <summary>Checks access and returns the room with its recent window; the caller subscribes before calling, so nothing falls between.</summary>
    [Alias("join"), AlwaysInterleave]
    Task<JoinResult> Join(string caller);

    /// <summary>Stores a message and returns it once it is durable: that return is the acknowledgement.</summary>
    [Alias("post"), AlwaysInterleave]
    Task<ChatMessage> Post(string author, string text, string? clientMessageId);

    [Alias("history"), AlwaysInterleave]
    Task<IReadOnlyList<ChatMessage>> GetHistory(string caller, MessageQuery query);
}
