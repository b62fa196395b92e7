namespace Chat.Grains.Abstractions.Events;

/// <summary>A system notice shown in a room, for example that a mentioned user was notified; not stored.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-notice")]
public sealed record RoomNotice(string RoomId, [property: Id(0)] string Text) : RoomEvent(RoomId);
