using Chat.Api.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Operations;

/// <summary>
/// On SIGTERM, tells this silo's hub clients to reconnect elsewhere (<see cref="Method"/> with a
/// <see cref="ReconnectNotice"/>) before SignalR closes their connections. The callback is registered when the host
/// starts, after SignalR's own, so it runs first (a token runs its callbacks newest first); it waits a bounded time for
/// the notices to be written, since the connections close right after it.
/// </summary>
public sealed partial class ReconnectOnShutdown(
    IHubContext<ChatHub> hub,
    IHostApplicationLifetime lifetime,
    ILogger<ReconnectOnShutdown> logger) : IHostedService, IDisposable
{
    /// <summary>The client method a stopping silo calls.</summary>
    public const string Method = "Reconnect";

    /// <summary>Clients spread their reconnects over this window.</summary>
    public const int SpreadMilliseconds = 2000;

    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(1);
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(NotifyClients);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration.Dispose();

    private void NotifyClients()
    {
        try
        {
            var sending = hub.Clients.All.SendAsync(Method, new ReconnectNotice(Random.Shared.Next(SpreadMilliseconds)), CancellationToken.None);
            if (!sending.Wait(SendBound))
            {
                LogSendSlow(SendBound.TotalMilliseconds);
            }
            else
            {
                LogNotified();
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
