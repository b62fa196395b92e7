using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Abstractions.Rooms;

/// <summary>What a client gets when it joins a room: the room, its recent window (ascending) and the last seq.</summary>
[GenerateSerializer, Immutable, Alias("chat.join-result")]
public sealed record JoinResult(
    [property: Id(0)] RoomInfo Room,
    [property: Id(1)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(2)] long LastSeq);
