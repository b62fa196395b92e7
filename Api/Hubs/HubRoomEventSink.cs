using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Streams;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// Hands a room's events to this silo's connections. A message goes to the room's SignalR group in one send; the
/// relay does not wait for slow clients (SignalR queues per connection), so one slow reader cannot stall a room.
/// </summary>
public sealed partial class HubRoomEventSink(
    IHubContext<ChatHub, IChatClient> hub,
    RoomSubscriptions subscriptions,
    ILogger<HubRoomEventSink> logger) : IRoomEventSink
{
    public Task DeliverAsync(RoomEvent roomEvent)
    {
        switch (roomEvent)
        {
            case MessagePosted posted:
                _ = ObserveAsync(hub.Clients.Group(RoomSubscriptions.GroupName(posted.RoomId)).MessageReceived(posted.Message), posted.RoomId);
                return Task.CompletedTask;
            case RoomAccessChanged change:
                return subscriptions.ApplyAccessChangeAsync(change);
            default:
                return Task.CompletedTask;
        }
    }

    private async Task ObserveAsync(Task send, string roomId)
    {
        try
        {
            await send;
        }
        catch (Exception error)
        {
            LogSendFailed(error, roomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an event of room {RoomId} to local connections failed")]
    private partial void LogSendFailed(Exception error, string roomId);
}
