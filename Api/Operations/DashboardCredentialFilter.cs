using Microsoft.Net.Http.Headers;

namespace Chat.Api.Operations;

/// <summary>
/// Lets a request through only with the dashboard administrator's HTTP Basic credentials; anything else gets 401 and a
/// challenge, so that a browser asks for them. The comparison takes the same time whatever the input.
/// </summary>
public sealed partial class DashboardCredentialFilter(string userName, string password, ILogger<DashboardCredentialFilter> logger) : IEndpointFilter
{
    public const string Challenge = "Basic realm=\"Chat dashboard\", charset=\"UTF-8\"";

    private readonly AdministratorCredentials _credentials = new(userName, password);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_credentials.Match(http.Request.Headers.Authorization.ToString()))
        {
            return await next(context);
        }

        LogRefused(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.Request.Path);
        http.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return TypedResults.Unauthorized();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a dashboard request from {RemoteAddress} to {Path}: no or wrong administrator credentials")]
    private partial void LogRefused(string remoteAddress, string path);
}
