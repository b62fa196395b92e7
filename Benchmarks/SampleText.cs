using Chat.Grains.Abstractions.Messages;

namespace Chat.Benchmarks;

/// <summary>Message texts of the size (100 characters), each one a string of its own as if read off the wire.</summary>
public static class SampleText
{
    public const int Length = 100;

    /// <summary>A 100-character text that differs by <paramref name="n"/>, so that no two messages share a string.</summary>
    public static string Of(long n) =>
        $"Message {n}: a line of chat about the length the issue asks for, padded to its size.".PadRight(Length, '.');

    /// <summary>A client message id as the browser client makes it (<c>crypto.randomUUID()</c>, 36 characters).</summary>
    public static string ClientMessageId() => Guid.NewGuid().ToString();

    /// <summary>A stored message as a room makes it (a version-7 id, a server time, a client message id).</summary>
    public static ChatMessage Message(string roomId, long seq, string author) =>
        new(roomId, seq, Guid.CreateVersion7().ToString(), author, Of(seq), DateTimeOffset.UtcNow, ClientMessageId());
}
