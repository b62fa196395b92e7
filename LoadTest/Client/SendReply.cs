namespace Chat.LoadTest.Client;

/// <summary>The stored message <c>SendMessage</c> answers (the acknowledgement); the tool reads its seq alone.</summary>
public sealed record SendReply(long Seq);
