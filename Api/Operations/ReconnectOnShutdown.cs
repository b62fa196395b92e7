using Chat.Api.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Operations;

/// <summary>
/// On SIGTERM, tells this silo's hub clients to reconnect elsewhere (<see cref="Method"/> with a
/// <see cref="ReconnectNotice"/>) before SignalR closes their connections. SignalR closes them from its own
/// <c>ApplicationStopping</c> callback, registered when its connection manager first serves; a token runs its callbacks
/// newest first, so this one is registered when the first hub connection arrives (a hub filter sees it), after
/// SignalR's, and runs before it. It waits a bounded time for the notices to be written, and then a moment for them
/// to leave, since the connections are aborted right after it.
/// </summary>
public sealed partial class ReconnectOnShutdown(
    IHubContext<ChatHub, IChatClient> hub,
    IHostApplicationLifetime lifetime,
    ILogger<ReconnectOnShutdown> logger) : IHubFilter, IDisposable
{
    /// <summary>The client method a stopping silo calls.</summary>
    public const string Method = nameof(IChatClient.Reconnect);

    /// <summary>Clients spread their reconnects over this window.</summary>
    public const int SpreadMilliseconds = 2000;

    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(1);

    /// <summary>How long the written notices get to leave the silo before its connections are aborted.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private CancellationTokenRegistration? _registration;

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (_registration is null)
        {
            lock (_lock)
            {
                _registration ??= lifetime.ApplicationStopping.Register(NotifyClients);
            }
        }

        return next(context);
    }

    public void Dispose() => _registration?.Dispose();

    private void NotifyClients()
    {
        try
        {
            var sending = hub.Clients.All.Reconnect(new ReconnectNotice(Random.Shared.Next(SpreadMilliseconds)));
            if (sending.Wait(SendBound))
            {
                // Written means in each connection's pipe, not yet on its socket, and SignalR aborts the connections
                // right after this callback: give the transports' send loops a moment to put the notice on the wire.
                Thread.Sleep(DrainTime);
                LogNotified();
            }
            else
            {
                LogSendSlow(SendBound.TotalMilliseconds);
            }
        }
        catch (Exception e)
        {
            LogSendFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: told the hub clients to reconnect elsewhere")]
    private partial void LogNotified();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: the reconnect notices were not all written within {Milliseconds} ms")]
    private partial void LogSendSlow(double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: the reconnect notices could not be sent")]
    private partial void LogSendFailed(Exception exception);
}
