using Chat.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>Every <see cref="ChatApiOptions.PresenceRefreshInterval"/>, re-asserts this silo's subscriptions and presence reports.</summary>
public sealed class PresenceRefreshService(StreamSubscriptions subscriptions, IOptions<ChatApiOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await subscriptions.RefreshAsync();
        }
    }
}
