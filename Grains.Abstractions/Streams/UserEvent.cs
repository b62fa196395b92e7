namespace Chat.Grains.Abstractions.Streams;

/// <summary>An event on a user's stream, for every connection of that user.</summary>
[GenerateSerializer, Immutable, Alias("chat.user-event")]
public abstract record UserEvent([property: Id(0)] string UserName) : ChatEvent;
