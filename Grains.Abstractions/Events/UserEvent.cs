namespace Chat.Grains.Abstractions.Events;

/// <summary>An event of a user, pushed to every connection of that user.</summary>
[GenerateSerializer, Immutable, Alias("chat.user-event")]
public abstract record UserEvent([property: Id(0)] string UserName) : ChatEvent;
