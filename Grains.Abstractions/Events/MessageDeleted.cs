namespace Chat.Grains.Abstractions.Events;

/// <summary>A message became a tombstone.</summary>
[GenerateSerializer, Immutable, Alias("chat.message-deleted")]
public sealed record MessageDeleted(string RoomId, [property: Id(0)] long Seq) : RoomEvent(RoomId);
