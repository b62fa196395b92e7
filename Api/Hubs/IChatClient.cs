using Chat.Api.Operations;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Users;

namespace Chat.Api.Hubs;

/// <summary>What the server calls on a connected client.</summary>
public interface IChatClient
{
    /// <summary>A message was stored in a room the connection has joined.</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>A message's text was edited (the message carries <c>editedAt</c>).</summary>
    Task MessageEdited(ChatMessage message);

    /// <summary>A message became a tombstone.</summary>
    Task MessageDeleted(string roomId, long seq);

    /// <summary>Analysis of a message finished.</summary>
    Task MessageTagged(string roomId, long seq, MessageTags tags);

    /// <summary>A user's first connection to the room arrived, or the last one left.</summary>
    Task PresenceChanged(string roomId, string userName, bool online);

    /// <summary>Another member is typing.</summary>
    Task UserTyping(string roomId, string userName);

    /// <summary>A system notice for the room (not stored), e.g. who was notified of a mention.</summary>
    Task SystemNotice(string roomId, string text);

    /// <summary>A notification for this user (any of the user's connections, on any front silo).</summary>
    Task NotificationReceived(Notification notification);

    /// <summary>The connection was removed from a room (it was deleted, or the user lost access).</summary>
    Task RoomClosed(string roomId);

    /// <summary>This front silo is stopping: reconnect after the notice's delay (the balancer routes elsewhere), then catch up by seq.</summary>
    Task Reconnect(ReconnectNotice notice);
}
