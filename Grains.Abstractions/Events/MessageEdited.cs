using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Abstractions.Events;

/// <summary>A message's text was changed by its author.</summary>
[GenerateSerializer, Immutable, Alias("chat.message-edited")]
public sealed record MessageEdited([property: Id(0)] ChatMessage Message) : RoomEvent(Message.RoomId);
