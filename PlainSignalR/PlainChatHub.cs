using Microsoft.AspNetCore.SignalR;

namespace Chat.PlainSignalR;

/// <summary>
/// The two hub methods the load tool calls, as a plain SignalR server writes them: a room is a group, a send numbers
/// the message and broadcasts it to the group (SignalR serializes it once for all members), the caller gets the
/// message back as its acknowledgement. The payload has the real server's fields, so the bytes per delivery match.
/// </summary>
public sealed class PlainChatHub(RoomSequences sequences) : Hub
{
    public const string Path = "/hubs/chat";

    public async Task<object> JoinRoom(string roomId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
        return new { roomId, lastSeq = sequences.Last(roomId) };
    }

    public async Task<PlainMessage> SendMessage(string roomId, string text, string? clientMessageId)
    {
        var seq = sequences.Next(roomId);
        var message = new PlainMessage(roomId, seq, $"{roomId}:{seq}", PlainChat.UserOf(Context.GetHttpContext()), text, DateTimeOffset.UtcNow, clientMessageId);
        await Clients.Group(roomId).SendAsync("MessageReceived", message);
        return message;
    }
}
