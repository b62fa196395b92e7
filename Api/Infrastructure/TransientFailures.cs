using Orleans.Runtime.Messaging;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Failures that mean "a silo is going away or unreachable, try again": during a failover a call can meet a dead
/// silo before the cluster has moved the grain. Callers get <c>Unavailable</c> (503) for these, not an internal error.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error) => error switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => error.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>The <c>Retry-After</c> of every 503, in seconds: a failover or an overload is usually over by then.</summary>
    public const int RetryAfterSeconds = 1;

    public const string Message = "A server was unavailable (the cluster is recovering from a failure). Try again; resend messages with the same clientMessageId.";
}
