using Chat.Silo.Hosting;
using Chat.Silo.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chat.Api.Operations;

/// <summary>
/// Serves the silo's metrics in Prometheus text at <see cref="Path"/> (when <c>Chat:Telemetry:Prometheus</c> is on) to
/// the administrator only: HTTP Basic with the dashboard's credentials (<c>Chat:Dashboard:UserName</c>/<c>Password</c>).
/// Without configured credentials every request is refused. A Prometheus server scrapes it with <c>basic_auth</c>.
/// </summary>
public static partial class MetricsEndpointExtensions
{
    public const string Path = "/metrics";

    public static WebApplication MapChatMetrics(this WebApplication app)
    {
        var telemetry = app.Services.GetRequiredService<IOptions<ChatTelemetryOptions>>().Value;
        if (!telemetry.Enabled || !telemetry.Prometheus)
        {
            return app;
        }

        var admin = app.Services.GetRequiredService<IOptions<ChatDashboardOptions>>().Value;
        var credentials = string.IsNullOrEmpty(admin.UserName) || string.IsNullOrEmpty(admin.Password) || admin.Password.Length < ChatDashboardOptions.MinPasswordLength
            ? null
            : new AdministratorCredentials(admin.UserName, admin.Password);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsEndpointExtensions));
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (credentials?.Match(context.Request.Headers.Authorization.ToString()) == true)
            {
                await next(context);
                return;
            }

            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = DashboardCredentialFilter.Challenge;
        }), optionsName: null);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a /metrics request from {RemoteAddress}: no or wrong administrator credentials")]
    private static partial void LogRefused(ILogger logger, string remoteAddress);
}
