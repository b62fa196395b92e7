namespace Chat.Grains.Abstractions.Events;

/// <summary>A user's first connection to a room arrived (<see cref="Online"/>) or the last one left.</summary>
[GenerateSerializer, Immutable, Alias("chat.presence-changed")]
public sealed record PresenceChanged(string RoomId, [property: Id(0)] string UserName, [property: Id(1)] bool Online) : RoomEvent(RoomId);
