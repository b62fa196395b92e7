namespace Chat.Grains.Abstractions.Events;

/// <summary>A user is typing in a room (throttled, never stored).</summary>
[GenerateSerializer, Immutable, Alias("chat.user-typing")]
public sealed record UserTyping(string RoomId, [property: Id(0)] string UserName) : RoomEvent(RoomId);
