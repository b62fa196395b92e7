using System.Security.Claims;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Chat.Api.Auth;

/// <summary>
/// Validates our tokens; WebSocket and SSE requests to the hub carry theirs in <c>access_token</c>. A token is
/// accepted only when its subject names a registered user: one without a subject, or for a user that does not
/// exist (deleted, or minted before a data reset), is answered 401 by REST and the hub alike.
/// </summary>
public sealed partial class ConfigureJwtBearer(TokenService tokens, KnownUsers users, ILogger<ConfigureJwtBearer> logger) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string HubPathPrefix = "/hubs";

    public void Configure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.SaveToken = false; // nothing reads it back, and a hub connection would keep a copy of the token for its lifetime
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
            OnTokenValidated = async context =>
            {
                var userName = context.Principal?.FindFirst(TokenService.UserNameClaim)?.Value;
                if (userName is null || !ChatLimits.IsValidUserName(userName))
                {
                    context.Fail("The token names no user.");
                }
                else if (!await ExistsAsync(userName))
                {
                    context.Fail("The token's user does not exist.");
                }
                else
                {
                    context.Principal = Slim(userName);
                }
            },
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>
    /// The principal a request (and a hub connection, for as long as it is open) keeps: the user name alone. The one
    /// the handler builds holds every claim of the token twice over and the parsed token itself (its encoded text,
    /// header and payload), about 3 KB that an idle connection would carry for hours; nothing here reads more than
    /// the subject.
    /// </summary>
    private static ClaimsPrincipal Slim(string userName) => new(new ClaimsIdentity(
        [new Claim(TokenService.UserNameClaim, userName)], JwtBearerDefaults.AuthenticationScheme, TokenService.UserNameClaim, roleType: null));

    /// <summary>
    /// During a failover the check may get no answer: the request goes on rather than every user being signed out (a
    /// token still needs our signature), and the grains it calls answer Unavailable as they would anyway.
    /// </summary>
    private async ValueTask<bool> ExistsAsync(string userName)
    {
        try
        {
            return await users.ExistsAsync(userName);
        }
        catch (Exception error) when (TransientFailures.IsTransient(error))
        {
            LogCheckUnavailable(error.GetType().Name, userName);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error} while checking that user {UserName} exists: the request goes on unchecked")]
    private partial void LogCheckUnavailable(string error, string userName);
}
