using System.Reflection;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// Where the repository and the built hosts are: the folder holding <c>Chat.sln</c> above the test assembly, and the
/// front and back silo assemblies built in the same configuration and target framework as the tests
/// (<c>Api/bin/Debug/net10.0/Chat.Api.dll</c>, <c>Silo/bin/Debug/net10.0/Chat.Silo.dll</c>).
/// </summary>
public static class BuildOutput
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Configuration { get; } =
        typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The target framework folder name, taken from the test assembly's own output folder (<c>net10.0</c>).</summary>
    public static string TargetFramework { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string FrontSiloAssembly => Built("Api", "Chat.Api.dll");

    public static string BackSiloAssembly => Built("Silo", "Chat.Silo.dll");

    private static string Built(string project, string assembly)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, TargetFramework, assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{path} is missing: build the solution first (dotnet build Chat.sln -c {Configuration}).", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Chat.sln above {AppContext.BaseDirectory}.");
    }
}
