using System.Diagnostics;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Deployment;

/// <summary>
/// The front silo can be published (what <c>scripts/package-bundle.sh</c> does for the deployment bundle), and the
/// published settings are the Api's own, not those of the Silo project it references.
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public async Task TheApiPublishes_WithItsOwnAppSettings()
    {
        using var output = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = BuildOutput.RepositoryRoot };
        foreach (var argument in new[] { "publish", "Api/Api.csproj", "--no-build", "--nologo", "-c", BuildOutput.Configuration, "-o", output.Path })
        {
            start.ArgumentList.Add(argument);
        }

        var publish = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(publish.ExitCode == 0, $"dotnet publish failed with {publish}");
        Assert.True(File.Exists(Path.Combine(output.Path, "Chat.Api.dll")), "the published front silo has no Chat.Api.dll");
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepositoryRoot, "Api", "appsettings.json")),
            await File.ReadAllTextAsync(Path.Combine(output.Path, "appsettings.json")));
    }
}
