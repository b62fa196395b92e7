namespace Chat.Grains.Abstractions.Streams;

/// <summary>An event on a room's stream. Subtypes say what happened.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-event")]
public abstract record RoomEvent([property: Id(0)] string RoomId) : ChatEvent;
