namespace Chat.Grains.Abstractions.Events;

/// <summary>An event of a room, pushed to the front silos that hold its connections. Subtypes say what happened.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-event")]
public abstract record RoomEvent([property: Id(0)] string RoomId) : ChatEvent;
