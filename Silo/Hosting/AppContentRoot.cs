using Microsoft.Extensions.Configuration;

namespace Chat.Silo.Hosting;

/// <summary>
/// Where a host reads its <c>appsettings*.json</c> from. ASP.NET Core and the generic host take the working directory,
/// so <c>dotnet /path/to/App.dll</c> started anywhere else would silently run without its settings (log levels
/// included). The rule: an explicit content root (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>,
/// <c>DOTNET_CONTENTROOT</c>) wins; a working directory holding <c>appsettings.json</c> (<c>dotnet run</c> in the
/// project) is kept; otherwise the folder of the binaries, where the build puts the settings files.
/// </summary>
public static class AppContentRoot
{
    public const string SettingsFile = "appsettings.json";

    /// <summary>The content root to use, or null to keep the host's default (an explicit one, or the working directory).</summary>
    public static string? Resolve(string[] args, string? workingDirectory = null)
    {
        var explicitRoot = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()["contentRoot"];
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return null;
        }

        return File.Exists(Path.Combine(workingDirectory ?? Directory.GetCurrentDirectory(), SettingsFile)) ? null : AppContext.BaseDirectory;
    }
}
