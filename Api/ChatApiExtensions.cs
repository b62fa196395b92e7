using System.Threading.RateLimiting;
using Chat.Api.Auth;
using Chat.Api.Aws;
using Chat.Api.Client;
using Chat.Api.Hubs;
using Chat.Api.Infrastructure;
using Chat.Api.Me;
using Chat.Api.Operations;
using Chat.Api.Rooms;
using Chat.Grains.Delivery;
using Chat.Silo.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Api;

/// <summary>Registrations and the request pipeline of the front silo.</summary>
public static class ChatApiExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddChatApi(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddChatFrontDoor();
        var services = builder.Services;
        services.AddOptions<ChatApiOptions>().BindConfiguration(ChatApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JwtOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<IValidateOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<TokenService>();
        services.AddSingleton<KnownUsers>();
        services.AddSingleton<IPasswordHasher<string>, PasswordHasher<string>>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorization();

        services.AddProblemDetails();
        services.AddExceptionHandler<ChatExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<ServedBy>();
        services.AddSingleton<MessageRateLimiter>();
        services.AddSingleton<SendAdmission>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<ChatApiOptions>>().Value.AuthRequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.AddRoomPolicies();
        });

        builder.Logging.AddFilter(ChatHubErrorFilter.DispatcherCategory, LogLevel.Critical);
        services.AddSignalR(hub =>
        {
            hub.AddFilter<ChatHubErrorFilter>();
            hub.AddFilter<RoomIdHubFilter>(); // inside the error filter, so its refusal is answered like the grains'
        });
        services.AddOptions<HubOptions>().Configure<IOptions<ChatApiOptions>>((hub, api) =>
        {
            hub.MaximumReceiveMessageSize = api.Value.MaxReceiveMessageBytes;
            hub.MaximumParallelInvocationsPerClient = api.Value.MaxParallelInvocationsPerConnection;
        });
        services.AddSingleton<IUserIdProvider, UserNameIdProvider>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<HubLifetimeManager<ChatHub>, ChatHubLifetimeManager>();
        services.AddSingleton<IChatEventSink, HubChatEventSink>();
        services.AddReconnectOnShutdown();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<SiloReadyHealthCheck>("silo", tags: [ReadyTag]);
        services.AddOpenApi();
        builder.AddChatClient();
        return builder;
    }

    public static WebApplication UseChatApi(this WebApplication app)
    {
        app.UseChatFrontDoor();
        app.UseMiddleware<ServedByMiddleware>();
        app.UseMiddleware<DrainOnShutdownMiddleware>();
        app.UseChatClient();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapChatApi(this WebApplication app)
    {
        var api = app.MapGroup("").AddEndpointFilter<RequestDeadlineFilter>();
        api.MapAuth();
        api.MapMe();
        api.MapRooms();
        var buffer = app.Services.GetRequiredService<IOptions<ChatApiOptions>>().Value.TransportBufferBytes;
        app.MapHub<ChatHub>(ChatHub.Path, connection =>
        {
            connection.ApplicationMaxBufferSize = buffer;
            connection.TransportMaxBufferSize = buffer;
        });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapOpenApi();
        app.MapChatDashboard();
        app.MapChatMetrics();
        app.MapChatClient();
        return app;
    }
}
