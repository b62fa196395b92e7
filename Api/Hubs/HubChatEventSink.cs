using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Delivery;
using Chat.Grains.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Chat.Api.Hubs;

/// <summary>
/// Hands the events grains push to this silo to the connections that listen: each event becomes one hub invocation,
/// serialized once for all its receivers, written to each connection without waiting for it (a connection whose send
/// queue grows past its bound is dropped, see <see cref="LocalConnection"/>). Access changes first take the connections
/// that lost access off the room and tell them <c>RoomClosed</c>.
/// </summary>
public sealed class HubChatEventSink(ConnectionRegistry registry, ChatMetrics metrics, TimeProvider time) : IChatEventSink
{
    public void Deliver(IReadOnlyList<ChatEvent> events)
    {
        foreach (var chatEvent in events)
        {
            switch (chatEvent)
            {
                case RoomAccessChanged change:
                    var closed = Invocation(nameof(IChatClient.RoomClosed), change.RoomId);
                    foreach (var connection in registry.Revoke(change))
                    {
                        connection.Send(closed);
                    }

                    break;
                case UserTyping typing:
                    var typed = Invocation(nameof(IChatClient.UserTyping), typing.RoomId, typing.UserName);
                    foreach (var connection in registry.Listeners(Topic.Room(typing.RoomId)).Where(c => c.UserName != typing.UserName))
                    {
                        connection.Send(typed);
                    }

                    break;
                case MessagePosted posted:
                    var receivers = SendToAll(Topic.Room(posted.RoomId), ToInvocation(posted));
                    metrics.RecordDelivered(receivers);
                    metrics.RecordDeliveryLag(time.GetUtcNow() - posted.Message.SentAt);
                    break;
                case RoomEvent roomEvent:
                    SendToAll(Topic.Room(roomEvent.RoomId), ToInvocation(roomEvent));
                    break;
                case NotificationReceived received:
                    SendToAll(Topic.User(received.UserName), Invocation(nameof(IChatClient.NotificationReceived), received.Notification));
                    break;
            }
        }
    }

    public PresenceReport Presence(Topic topic) => registry.Presence(topic);

    public PresenceReport Watch(Topic topic, Guid watcher) => registry.Watch(topic, watcher);

    public void Unwatch(Topic topic, Guid watcher) => registry.Unwatch(topic, watcher);

    /// <summary>Sends to every listener of the topic; returns how many there were.</summary>
    private int SendToAll(Topic topic, SerializedHubMessage? message)
    {
        if (message is null)
        {
            return 0;
        }

        var listeners = registry.Listeners(topic);
        foreach (var connection in listeners)
        {
            connection.Send(message);
        }

        return listeners.Length;
    }

    private static SerializedHubMessage? ToInvocation(RoomEvent roomEvent) => roomEvent switch
    {
        MessagePosted posted => Invocation(nameof(IChatClient.MessageReceived), posted.Message),
        MessageEdited edited => Invocation(nameof(IChatClient.MessageEdited), edited.Message),
        MessageDeleted deleted => Invocation(nameof(IChatClient.MessageDeleted), deleted.RoomId, deleted.Seq),
        MessageTagged tagged => Invocation(nameof(IChatClient.MessageTagged), tagged.RoomId, tagged.Seq, tagged.Tags),
        PresenceChanged presence => Invocation(nameof(IChatClient.PresenceChanged), presence.RoomId, presence.UserName, presence.Online),
        RoomNotice notice => Invocation(nameof(IChatClient.SystemNotice), notice.RoomId, notice.Text),
        _ => null,
    };

    private static SerializedHubMessage Invocation(string method, params object?[] arguments) =>
        new(new InvocationMessage(method, arguments));
}
