namespace Chat.LoadTest.Client;

/// <summary>What the hub's <c>JoinRoom</c> answers; the tool needs only the last seq (the room and its messages are skipped).</summary>
public sealed record JoinReply(long LastSeq);
