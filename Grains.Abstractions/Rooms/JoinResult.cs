using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Abstractions.Rooms;

/// <summary>What a client gets when it joins a room: the room, its recent window (ascending), the last seq and who is online in it.</summary>
[GenerateSerializer, Immutable, Alias("chat.join-result")]
public sealed record JoinResult(
    [property: Id(0)] RoomInfo Room,
    [property: Id(1)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] IReadOnlyList<string> Online);
