using Chat.Grains.Abstractions.Streams;

namespace Chat.Grains.Streams;

/// <summary>The sink of a silo without clients (a back silo): events have nowhere to go.</summary>
public sealed class NoLocalConnectionsSink : IRoomEventSink
{
    public Task DeliverAsync(RoomEvent roomEvent) => Task.CompletedTask;
}
