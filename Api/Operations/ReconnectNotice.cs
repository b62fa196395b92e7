namespace Chat.Api.Operations;

/// <summary>
/// Sent to every hub connection of a front silo that is stopping, just before it closes them: reconnect (through the
/// balancer, which no longer routes here) after about <see cref="RetryAfterMilliseconds"/>, then read history after
/// the last seq shown. Spread over a window, so the other front silos do not take every reconnect in one instant.
/// </summary>
public sealed record ReconnectNotice(int RetryAfterMilliseconds);
