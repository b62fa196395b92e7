using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// The real-time door. Thin: identity comes from the authenticated connection, the grains decide, and the
/// <see cref="ConnectionRegistry"/> keeps what each connection listens to and reports it to the grains. Every
/// <c>roomId</c> argument has been checked by <see cref="RoomIdHubFilter"/> before a method runs.
/// </summary>
[Authorize]
public sealed class ChatHub(IGrainFactory grains, ConnectionRegistry connections, MessageRateLimiter limiter, SendAdmission admission) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    private string UserName => Context.UserIdentifier ?? throw new HubException("Unauthorized: sign in first.");

    /// <summary>Every connection listens to its user's own topic (notifications) and counts toward the user's presence.</summary>
    public override Task OnConnectedAsync() => connections.ConnectAsync(Context.ConnectionId, UserName);

    public override Task OnDisconnectedAsync(Exception? exception) => connections.DisconnectAsync(Context.ConnectionId);

    /// <summary>Joins a room (one room call: access, presence, window); returns the recent window and who is online.</summary>
    public Task<JoinResult> JoinRoom(string roomId) => connections.JoinRoomAsync(Context.ConnectionId, roomId);

    public Task LeaveRoom(string roomId) => connections.LeaveRoomAsync(Context.ConnectionId, roomId);

    /// <summary>
    /// Stores a message; the returned message (with its seq) is the acknowledgement. Refused <c>Unavailable</c> when this
    /// silo already has as many sends in flight as it admits (<see cref="SendAdmission"/>).
    /// </summary>
    public Task<ChatMessage> SendMessage(string roomId, string text, string? clientMessageId)
    {
        var room = Room(roomId);
        var author = UserName;
        limiter.Acquire(author);
        return admission.RunAsync(() => room.PostAsync(author, text, clientMessageId));
    }

    public Task<ChatMessage> EditMessage(string roomId, long seq, string text)
    {
        var room = Room(roomId);
        limiter.Acquire(UserName);
        return room.EditAsync(UserName, seq, text);
    }

    public Task<ChatMessage> DeleteMessage(string roomId, long seq) => Room(roomId).DeleteMessageAsync(UserName, seq);

    /// <summary>Tells the room's other members that this user is typing; the room throttles it.</summary>
    public Task Typing(string roomId) => Room(roomId).TypingAsync(UserName);

    /// <summary>Moves the caller's read position in a room forward; returns it with the unread mentions left.</summary>
    public Task<RoomReadState> MarkRead(string roomId, long seq) => ReadMarker.MarkAsync(grains, UserName, roomId, seq);

    private IRoomGrain Room(string roomId) => grains.Reference<IRoomGrain>(roomId);
}
