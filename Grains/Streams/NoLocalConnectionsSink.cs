using Chat.Grains.Abstractions.Streams;

namespace Chat.Grains.Streams;

/// <summary>The sink of a silo without clients (a back silo): events have nowhere to go.</summary>
public sealed class NoLocalConnectionsSink : IChatEventSink
{
    public Task DeliverAsync(ChatEvent chatEvent) => Task.CompletedTask;
}
