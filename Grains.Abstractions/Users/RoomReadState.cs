namespace Chat.Grains.Abstractions.Users;

/// <summary>How far a user has read in one room, and how many unread mentions it holds.</summary>
[GenerateSerializer, Immutable, Alias("chat.room-read-state")]
public sealed record RoomReadState(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long LastReadSeq,
    [property: Id(2)] int UnreadMentions);
