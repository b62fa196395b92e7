using System.ComponentModel.DataAnnotations;

namespace Chat.Api.Infrastructure;

/// <summary>Limits of the front door, bound from <c>Chat:Api</c>.</summary>
public sealed class ChatApiOptions : IValidatableObject
{
    public const string Section = "Chat:Api";

    /// <summary>Messages a user may send at once (REST and hub together) before the rate applies.</summary>
    [Range(1, 100_000)]
    public int MessageBurst { get; set; } = 20;

    /// <summary>Messages per second a user may keep sending (REST and hub together).</summary>
    [Range(1, 100_000)]
    public int MessagesPerSecond { get; set; } = 5;

    /// <summary>Register and login requests per minute from one client address.</summary>
    [Range(1, 1_000_000)]
    public int AuthRequestsPerMinute { get; set; } = 30;

    /// <summary>Rooms one user may create per minute.</summary>
    [Range(1, 1_000_000)]
    public int RoomCreationsPerMinute { get; set; } = 30;

    /// <summary>Members one user may add to rooms per minute.</summary>
    [Range(1, 1_000_000)]
    public int MemberAdditionsPerMinute { get; set; } = 120;

    /// <summary>Rooms one connection may have joined at once.</summary>
    [Range(1, 10_000)]
    public int MaxRoomsPerConnection { get; set; } = 200;

    /// <summary>
    /// Most bytes that may wait to be sent to one connection (its transport not taking them: a slow reader). Past it the
    /// connection is dropped; the client reconnects and catches up by seq. The server's memory stays bounded per connection.
    /// </summary>
    [Range(16 * 1024, 1024L * 1024 * 1024)]
    public long MaxQueuedBytesPerConnection { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest a hub call or REST request waits for the grains. Past it the caller gets <c>Unavailable</c> (503) and
    /// retries (sends with the same clientMessageId): overload is answered, never queued until Orleans' own timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends (hub <c>SendMessage</c> and REST posts of messages) this front silo lets through to the grains at once. Past
    /// it a send waits in a bounded queue (<see cref="MaxQueuedSends"/>, <see cref="SendQueueTimeout"/>) or is refused
    /// <c>Unavailable</c> / 503 with <c>Retry-After</c> at once: overload is shed at the door, not queued in the silo.
    /// About the sends per second one silo sustains times the acknowledgement time it should keep.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentSends { get; set; } = 200;

    /// <summary>Sends that may wait for one of the <see cref="MaxConcurrentSends"/> slots; 0 refuses at once when they are taken.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedSends { get; set; } = 200;

    /// <summary>Longest a queued send waits for a slot before it is refused; shorter than <see cref="RequestDeadline"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan SendQueueTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A send slower than this (admission to answer) counts as slow. When more than a tenth of the sends in a quarter
    /// second are slow, the silo lowers how many sends it lets in at once (down to <see cref="MinConcurrentSends"/>) and
    /// refuses the rest at once; it raises the limit again while sends are fast (<see cref="SendLatencyLimit"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan SendLatencyTarget { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The least sends the silo lets in at once however slow they are (at most <see cref="MaxConcurrentSends"/>), so that it still makes progress.</summary>
    [Range(1, 100_000)]
    public int MinConcurrentSends { get; set; } = 16;

    /// <summary>
    /// Hub calls one connection may have running at once (SignalR's <c>MaximumParallelInvocationsPerClient</c>). With 1
    /// (the default) a connection's calls run one after another, in the order sent, and a call waits, unseen by the
    /// server's deadline and send limit, until the connection's previous calls are answered. Above 1, calls of a sender
    /// that sends faster than it is answered reach the send limit and are refused in time, but one sender's messages may
    /// be stored out of order when some wait for a send slot.
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelInvocationsPerConnection { get; set; } = 1;

    /// <summary>Largest hub message a client may send, in bytes (SignalR's <c>MaximumReceiveMessageSize</c>).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Bytes SignalR buffers per connection in each direction before it applies backpressure (transport and application buffers).</summary>
    [Range(4 * 1024, 16 * 1024 * 1024)]
    public int TransportBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Name this host gives itself in the <c>X-Served-By</c> header; default the machine name (on EC2, set to the instance id).</summary>
    public string? InstanceName { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SendQueueTimeout >= RequestDeadline)
        {
            yield return new ValidationResult(
                $"{nameof(SendQueueTimeout)} ({SendQueueTimeout}) must be shorter than {nameof(RequestDeadline)} ({RequestDeadline}): a send must have time left for the grains.",
                [nameof(SendQueueTimeout), nameof(RequestDeadline)]);
        }
    }
}
