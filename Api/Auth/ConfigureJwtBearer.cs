using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Chat.Api.Auth;

/// <summary>Validates our tokens; WebSocket and SSE requests to the hub carry theirs in <c>access_token</c>.</summary>
public sealed class ConfigureJwtBearer(TokenService tokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string HubPathPrefix = "/hubs";

    public void Configure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = tokens.ValidationParameters();
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var token = context.Request.Query["access_token"];
                if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubPathPrefix))
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
