using Chat.Grains.Abstractions.Streams;

namespace Chat.Grains.Streams;

/// <summary>Where a front silo hands room events to its local connections (the SignalR hub in <c>Api</c>).</summary>
public interface IRoomEventSink
{
    Task DeliverAsync(RoomEvent roomEvent);
}
