using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
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
        var settings = Bind(builder.Configuration);
        builder.Services.AddOptions<FrontDoorOptions>().BindConfiguration(FrontDoorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<ForwardedHeadersOptions>(options => Configure(options, settings));
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = settings.HstsMaxAge;
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
    public static void Configure(ForwardedHeadersOptions options, FrontDoorOptions settings)
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

    private static FrontDoorOptions Bind(IConfiguration configuration)
    {
        var settings = new FrontDoorOptions();
        configuration.GetSection(FrontDoorOptions.Section).Bind(settings);
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        foreach (var network in settings.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                throw new OptionsValidationException(FrontDoorOptions.Section, typeof(FrontDoorOptions), [$"{FrontDoorOptions.Section}:KnownNetworks '{network}' is not a CIDR network."]);
            }
        }

        foreach (var proxy in settings.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                throw new OptionsValidationException(FrontDoorOptions.Section, typeof(FrontDoorOptions), [$"{FrontDoorOptions.Section}:KnownProxies '{proxy}' is not an IP address."]);
            }
        }

        return settings;
    }
}
