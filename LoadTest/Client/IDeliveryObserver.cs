namespace Chat.LoadTest.Client;

/// <summary>What a member's connection reports to the member: each message of its room, and the end of the connection.</summary>
public interface IDeliveryObserver
{
    /// <summary>
    /// A <c>MessageReceived</c> of the joined room arrived at <paramref name="receivedTimestamp"/> (a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp). <paramref name="clientMessageId"/> is empty when the
    /// message has none (or one too long to be the tool's).
    /// </summary>
    void OnDelivered(long seq, bool byMe, ReadOnlySpan<char> clientMessageId, long receivedTimestamp);

    /// <summary>The connection closed: by the server, by a failure (<paramref name="error"/>), or because it was disposed.</summary>
    void OnClosed(Exception? error);
}
