using System.Collections.Concurrent;
using System.Threading.Channels;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Streams;

namespace Chat.Tests.Infrastructure;

/// <summary>The test cluster's stand-in for the hub: records, per silo, the room events its relays deliver.</summary>
public sealed class RecordingEventSink(ILocalSiloDetails silo) : IChatEventSink
{
    private static readonly ConcurrentDictionary<(SiloAddress Silo, string Stream), Channel<ChatEvent>> Received = new();

    /// <summary>Events a silo's relays delivered for a room (or, with a user name, for that user).</summary>
    public static ChannelReader<ChatEvent> EventsOf(SiloAddress silo, string roomIdOrUser) => Channel(silo, roomIdOrUser).Reader;

    public Task DeliverAsync(ChatEvent chatEvent)
    {
        var stream = chatEvent switch
        {
            RoomEvent room => room.RoomId,
            UserEvent user => user.UserName,
            _ => "",
        };
        Channel(silo.SiloAddress, stream).Writer.TryWrite(chatEvent);
        return Task.CompletedTask;
    }

    private static Channel<ChatEvent> Channel(SiloAddress silo, string stream) =>
        Received.GetOrAdd((silo, stream), _ => System.Threading.Channels.Channel.CreateUnbounded<ChatEvent>());
}
