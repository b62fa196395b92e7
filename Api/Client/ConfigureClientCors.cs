using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Api.Client;

/// <summary>
/// The default CORS policy: the origins of <see cref="ClientOptions.AllowedOrigins"/> only (none: same origin only),
/// with credentials (SignalR's negotiate sends them) and <c>X-Served-By</c> readable by the page.
/// </summary>
public sealed class ConfigureClientCors(IOptions<ClientOptions> client) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options) =>
        options.AddDefaultPolicy(policy =>
        {
            var origins = client.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).ToArray();
            if (origins.Length == 0)
            {
                return;
            }

            policy.WithOrigins(origins)
                .AllowAnyHeader()
                .AllowAnyMethod()
                .AllowCredentials()
                .WithExposedHeaders(ServedByMiddleware.Header);
        });
}
