using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Operations;

/// <summary>Registers <see cref="ReconnectOnShutdown"/> as a hub filter of every hub.</summary>
public static class ReconnectOnShutdownExtensions
{
    public static IServiceCollection AddReconnectOnShutdown(this IServiceCollection services)
    {
        services.AddSingleton<ReconnectOnShutdown>();
        services.Configure<HubOptions>(hub => hub.AddFilter<ReconnectOnShutdown>());
        return services;
    }
}
