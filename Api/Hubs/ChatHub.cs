using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// The real-time door. Thin: identity comes from the authenticated connection, the room grain decides, and
/// <see cref="RoomSubscriptions"/> keeps this silo's one stream subscription per room with local connections.
/// </summary>
[Authorize]
public sealed class ChatHub(IGrainFactory grains, RoomSubscriptions subscriptions, MessageRateLimiter limiter) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    private string UserName => Context.UserIdentifier ?? throw new HubException("Unauthorized: sign in first.");

    /// <summary>
    /// Joins a room: checks access, subscribes this connection to live delivery, then returns the recent window.
    /// Subscribing before reading the window means no message falls between them (one may come twice: clients de-duplicate by seq).
    /// </summary>
    public async Task<JoinResult> JoinRoom(string roomId)
    {
        var room = Room(roomId);
        await room.Get(UserName);
        await subscriptions.JoinAsync(Context.ConnectionId, UserName, roomId);
        try
        {
            return await room.Join(UserName);
        }
        catch
        {
            await subscriptions.LeaveAsync(Context.ConnectionId, roomId);
            throw;
        }
    }

    public async Task LeaveRoom(string roomId)
    {
        ValidateRoomId(roomId);
        await subscriptions.LeaveAsync(Context.ConnectionId, roomId);
    }

    /// <summary>Stores a message; the returned message (with its seq) is the acknowledgement.</summary>
    public Task<ChatMessage> SendMessage(string roomId, string text, string? clientMessageId)
    {
        var room = Room(roomId);
        limiter.Acquire(UserName);
        return room.Post(UserName, text, clientMessageId);
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        subscriptions.DisconnectAsync(Context.ConnectionId);

    private IRoomGrain Room(string roomId)
    {
        ValidateRoomId(roomId);
        return grains.GetGrain<IRoomGrain>(roomId);
    }

    private static void ValidateRoomId(string roomId)
    {
        if (!ChatLimits.IsValidRoomId(roomId))
        {
            throw ChatException.Invalid("A room id is 1 to 64 characters: lower-case letters, digits and '-'.");
        }
    }
}
