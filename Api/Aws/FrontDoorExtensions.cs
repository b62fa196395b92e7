using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Chat.Api.Aws;

/// <summary>
/// The front silo behind the balancer: the client's scheme and address taken from forwarded headers only when a known
/// proxy sent them (so redirects, per-address rate limits and logs are right), and HSTS on HTTPS responses.
/// </summary>
public static class FrontDoorExtensions
{
    public static WebApplicationBuilder AddChatFrontDoor(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FrontDoorOptions>().BindConfiguration(FrontDoorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<FrontDoorOptions>>((options, frontDoor) => Configure(options, frontDoor.Value));
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<FrontDoorOptions>>((options, frontDoor) =>
        {
            options.MaxAge = frontDoor.Value.HstsMaxAge;
            options.IncludeSubDomains = false;
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's scheme and address.</summary>
    public static WebApplication UseChatFrontDoor(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<FrontDoorOptions>>().Value.TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // Only on HTTPS requests (the balancer's, as forwarded), never on plain HTTP.
            app.UseHsts();
        }

        return app;
    }

    /// <summary>Trusts exactly the configured networks and proxies (not ASP.NET's default, loopback).</summary>
    private static void Configure(ForwardedHeadersOptions options, FrontDoorOptions settings)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardedForHeaderName = settings.ForwardedForHeaderName;
        options.ForwardLimit = settings.ForwardLimit;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
    }
}
