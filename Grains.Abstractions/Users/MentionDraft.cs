namespace Chat.Grains.Abstractions.Users;

/// <summary>
/// What a room tells a mentioned user's grain; the user grain numbers and stores it. A private room's excerpt is
/// stored encrypted and never e-mailed (<see cref="IsPrivate"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.mention-draft")]
public sealed record MentionDraft(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string From,
    [property: Id(3)] string Excerpt,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] bool IsPrivate = false);
