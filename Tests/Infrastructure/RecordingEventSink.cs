using System.Collections.Concurrent;
using System.Threading.Channels;
using Chat.Grains.Abstractions.Streams;
using Chat.Grains.Streams;

namespace Chat.Tests.Infrastructure;

/// <summary>The test cluster's stand-in for the hub: records, per silo, the room events its relays deliver.</summary>
public sealed class RecordingEventSink(ILocalSiloDetails silo) : IRoomEventSink
{
    private static readonly ConcurrentDictionary<(SiloAddress Silo, string RoomId), Channel<RoomEvent>> Received = new();

    public static ChannelReader<RoomEvent> EventsOf(SiloAddress silo, string roomId) => Channel(silo, roomId).Reader;

    public Task DeliverAsync(RoomEvent roomEvent)
    {
        Channel(silo.SiloAddress, roomEvent.RoomId).Writer.TryWrite(roomEvent);
        return Task.CompletedTask;
    }

    private static Channel<RoomEvent> Channel(SiloAddress silo, string roomId) =>
        Received.GetOrAdd((silo, roomId), _ => System.Threading.Channels.Channel.CreateUnbounded<RoomEvent>());
}
