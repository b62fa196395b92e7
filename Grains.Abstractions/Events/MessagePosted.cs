using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Abstractions.Events;

/// <summary>A message was stored in a room (after it became durable).</summary>
[GenerateSerializer, Immutable, Alias("chat.message-posted")]
public sealed record MessagePosted([property: Id(0)] ChatMessage Message) : RoomEvent(Message.RoomId);
