namespace Chat.Api.Operations;

/// <summary>
/// Once the host is stopping (SIGTERM), every new request gets 503 with <c>Connection: close</c>, so that it goes to
/// another front silo: the balancer stops routing here when <c>/health/ready</c> fails, and nginx retries a refused
/// hub request on the next front silo. SignalR closes the existing connections at that same moment, and their clients
/// reconnect at once; without this, a reconnect could land here again (the web server still listens until its turn
/// to stop) and that new connection would hold the whole shutdown until its timeout, leaving no time for the silo to
/// leave the cluster gracefully.
/// </summary>
public sealed partial class DrainOnShutdownMiddleware(
    RequestDelegate next,
    IHostApplicationLifetime lifetime,
    ILogger<DrainOnShutdownMiddleware> logger)
{
    private int _refused;

    public Task InvokeAsync(HttpContext context)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return next(context);
        }

        if (Interlocked.Increment(ref _refused) == 1)
        {
            LogDraining(context.Request.Path);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
        context.Response.Headers.RetryAfter = "1";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: refusing new requests with 503 (first: {Path}) so that they go to another front silo")]
    private partial void LogDraining(string path);
}
