using Chat.Grains.Abstractions.Streams;

namespace Chat.Grains.Streams;

/// <summary>Where a front silo hands stream events to its local connections (the SignalR hub in <c>Api</c>).</summary>
public interface IChatEventSink
{
    Task DeliverAsync(ChatEvent chatEvent);
}
