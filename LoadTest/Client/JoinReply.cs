namespace Chat.LoadTest.Client;

/// <summary>What the hub's <c>JoinRoom</c> answers; the tool needs only the last seq (the room is left out).</summary>
public sealed record JoinReply(IReadOnlyList<WireMessage> Messages, long LastSeq);
