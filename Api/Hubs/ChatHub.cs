using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>
/// The real-time door. Thin: identity comes from the authenticated connection, the grains decide, and
/// <see cref="StreamSubscriptions"/> keeps this silo's one stream subscription per room (and per user) with
/// local connections.
/// </summary>
[Authorize]
public sealed class ChatHub(
    IGrainFactory grains,
    StreamSubscriptions subscriptions,
    MessageRateLimiter limiter,
    TimeProvider time,
    IOptions<ChatApiOptions> options) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    private string UserName => Context.UserIdentifier ?? throw new HubException("Unauthorized: sign in first.");

    /// <summary>Every connection listens to its user's own stream (notifications) and counts toward the user's presence.</summary>
    public override Task OnConnectedAsync() => subscriptions.JoinAsync(Context.ConnectionId, UserName, Topic.User(UserName));

    public override Task OnDisconnectedAsync(Exception? exception) => subscriptions.DisconnectAsync(Context.ConnectionId);

    /// <summary>
    /// Joins a room: checks access, subscribes this connection to live delivery, then returns the recent window and
    /// who is online. Subscribing before reading the window means no message falls between them (one may come
    /// twice: clients de-duplicate by seq).
    /// </summary>
    public async Task<JoinResult> JoinRoom(string roomId)
    {
        var room = Room(roomId);
        await room.Get(UserName);
        await subscriptions.JoinAsync(Context.ConnectionId, UserName, Topic.Room(roomId));
        try
        {
            return await room.Join(UserName);
        }
        catch
        {
            await subscriptions.LeaveAsync(Context.ConnectionId, Topic.Room(roomId));
            throw;
        }
    }

    public async Task LeaveRoom(string roomId)
    {
        ValidateRoomId(roomId);
        await subscriptions.LeaveAsync(Context.ConnectionId, Topic.Room(roomId));
    }

    /// <summary>Stores a message; the returned message (with its seq) is the acknowledgement.</summary>
    public Task<ChatMessage> SendMessage(string roomId, string text, string? clientMessageId)
    {
        var room = Room(roomId);
        limiter.Acquire(UserName);
        return room.Post(UserName, text, clientMessageId);
    }

    public Task<ChatMessage> EditMessage(string roomId, long seq, string text)
    {
        var room = Room(roomId);
        limiter.Acquire(UserName);
        return room.Edit(UserName, seq, text);
    }

    public Task<ChatMessage> DeleteMessage(string roomId, long seq) => Room(roomId).DeleteMessage(UserName, seq);

    /// <summary>Tells the room's other members that this user is typing; forwarded at most once per throttle period per room.</summary>
    public Task Typing(string roomId)
    {
        var room = Room(roomId);
        var now = time.GetUtcNow();
        var key = "typing:" + roomId;
        if (Context.Items.TryGetValue(key, out var last) && last is DateTimeOffset at && now - at < options.Value.TypingThrottle)
        {
            return Task.CompletedTask;
        }

        Context.Items[key] = now;
        return room.Typing(UserName);
    }

    /// <summary>Moves the caller's read position in a room forward; returns it with the unread mentions left.</summary>
    public Task<RoomReadState> MarkRead(string roomId, long seq) => ReadMarker.MarkAsync(grains, UserName, roomId, seq);

    private IRoomGrain Room(string roomId)
    {
        ValidateRoomId(roomId);
        return grains.GetGrain<IRoomGrain>(roomId);
    }

    private static void ValidateRoomId(string roomId)
    {
        if (!ChatLimits.IsValidRoomId(roomId))
        {
            throw ChatException.Invalid(ChatLimits.RoomIdRule);
        }
    }
}
