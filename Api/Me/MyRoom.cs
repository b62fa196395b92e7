namespace Chat.Api.Me;

/// <summary>One of the caller's rooms with how much of it is unread.</summary>
public sealed record MyRoom(
    string Id,
    string Name,
    string? Topic,
    bool IsPrivate,
    string Owner,
    long LastSeq,
    long LastReadSeq,
    long Unread,
    int Mentions);
