using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Abstractions.Events;

/// <summary>Analysis of a message finished (after it was acknowledged).</summary>
[GenerateSerializer, Immutable, Alias("chat.message-tagged")]
public sealed record MessageTagged(string RoomId, [property: Id(0)] long Seq, [property: Id(1)] MessageTags Tags) : RoomEvent(RoomId);
