using Chat.Grains.Abstractions.Messages;

namespace Chat.Api.Hubs;

/// <summary>What the server calls on a connected client.</summary>
public interface IChatClient
{
    /// <summary>A message was stored in a room the connection has joined.</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>The connection was removed from a room (it was deleted, or the user lost access).</summary>
    Task RoomClosed(string roomId);
}
