using Chat.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Chat.Api.Operations;

/// <summary>
/// Serves the Orleans Dashboard at <see cref="Path"/> when <c>Chat:Dashboard:Enabled</c> is set, to the one administrator
/// of <see cref="ChatDashboardOptions"/> (HTTP Basic authentication). Basic rather than the chat's bearer tokens: the
/// dashboard is a browser page whose scripts fetch its JSON endpoints, and a browser repeats Basic credentials on
/// each of those requests by itself, while a bearer token lives in the chat client and never reaches them.
/// </summary>
public static class DashboardExtensions
{
    public const string Path = "/dashboard";

    /// <summary>Maps the dashboard behind <see cref="DashboardCredentialFilter"/>; refuses to start without usable credentials.</summary>
    public static WebApplication MapChatDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ChatDashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ChatDashboardOptions.Section, typeof(ChatDashboardOptions), errors);
        }

        app.MapOrleansDashboard(Path)
            .AddEndpointFilter(new DashboardCredentialFilter(
                options.UserName!,
                options.Password!,
                app.Services.GetRequiredService<ILogger<DashboardCredentialFilter>>()))
            .ExcludeFromDescription();
        return app;
    }

    public static List<string> Validate(ChatDashboardOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.UserName) || options.UserName.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("Chat:Dashboard:UserName is required when Chat:Dashboard:Enabled is true, and may not contain ':'.");
        }

        if (options.Password is null || options.Password.Length < ChatDashboardOptions.MinPasswordLength)
        {
            errors.Add(
                $"Chat:Dashboard:Password must be at least {ChatDashboardOptions.MinPasswordLength} characters when Chat:Dashboard:Enabled is true (set Chat__Dashboard__Password from a secret store).");
        }

        return errors;
    }
}
