namespace Chat.Grains.Abstractions.Events;

/// <summary>Anything pushed to front silos for their connections: room events and user events.</summary>
[GenerateSerializer, Immutable, Alias("chat.event")]
public abstract record ChatEvent;
