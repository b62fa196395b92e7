namespace Chat.Grains.Abstractions.Streams;

/// <summary>Anything that travels on a chat stream: room events and user events.</summary>
[GenerateSerializer, Immutable, Alias("chat.event")]
public abstract record ChatEvent;
