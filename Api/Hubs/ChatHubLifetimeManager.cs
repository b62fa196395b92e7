using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// SignalR's own lifetime manager, plus one thing: it hands every connection of this silo to the
/// <see cref="ConnectionRegistry"/>, which fans room and user events out to them itself (one serialization per event,
/// a bounded send queue per connection) instead of through SignalR groups.
/// </summary>
public sealed class ChatHubLifetimeManager(ConnectionRegistry registry, ILogger<DefaultHubLifetimeManager<ChatHub>> logger)
    : DefaultHubLifetimeManager<ChatHub>(logger)
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        registry.Attach(connection);
        await base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        registry.Detach(connection.ConnectionId);
        await base.OnDisconnectedAsync(connection);
    }
}
