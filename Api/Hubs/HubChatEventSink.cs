using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Streams;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// Hands stream events to this silo's connections, each kind to its client method, in one group send. The relay
/// does not wait for slow clients (SignalR queues per connection), so one slow reader cannot stall a room.
/// </summary>
public sealed partial class HubChatEventSink(
    IHubContext<ChatHub, IChatClient> hub,
    StreamSubscriptions subscriptions,
    ILogger<HubChatEventSink> logger) : IChatEventSink
{
    public Task DeliverAsync(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RoomAccessChanged change:
                return subscriptions.ApplyAccessChangeAsync(change);
            case UserTyping typing:
                var room = Topic.Room(typing.RoomId);
                Observe(hub.Clients.GroupExcept(room.Group, subscriptions.ConnectionsOf(typing.UserName, room)).UserTyping(typing.RoomId, typing.UserName), room);
                return Task.CompletedTask;
            case RoomEvent roomEvent:
                Observe(SendToRoom(hub.Clients.Group(Topic.Room(roomEvent.RoomId).Group), roomEvent), Topic.Room(roomEvent.RoomId));
                return Task.CompletedTask;
            case NotificationReceived received:
                var user = Topic.User(received.UserName);
                Observe(hub.Clients.Group(user.Group).NotificationReceived(received.Notification), user);
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }

    private static Task SendToRoom(IChatClient group, RoomEvent roomEvent) => roomEvent switch
    {
        MessagePosted posted => group.MessageReceived(posted.Message),
        MessageEdited edited => group.MessageEdited(edited.Message),
        MessageDeleted deleted => group.MessageDeleted(deleted.RoomId, deleted.Seq),
        MessageTagged tagged => group.MessageTagged(tagged.RoomId, tagged.Seq, tagged.Tags),
        PresenceChanged presence => group.PresenceChanged(presence.RoomId, presence.UserName, presence.Online),
        RoomNotice notice => group.SystemNotice(notice.RoomId, notice.Text),
        _ => Task.CompletedTask,
    };

    private void Observe(Task send, Topic topic) => _ = ObserveAsync(send, topic);

    private async Task ObserveAsync(Task send, Topic topic)
    {
        try
        {
            await send;
        }
        catch (Exception error)
        {
            LogSendFailed(error, topic.Group);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an event of {Topic} to local connections failed")]
    private partial void LogSendFailed(Exception error, string topic);
}
