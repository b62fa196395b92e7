using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Chat.Benchmarks;

/// <summary>
/// A short job for a 2-core machine: 3 warm-up and 10 measured iterations, run in this process. In-process
/// because BenchmarkDotNet's default toolchain looks for a project file named after the assembly
/// (<c>Chat.Benchmarks.csproj</c>, where ours is <c>Benchmarks.csproj</c> like every project here) and would
/// build a second copy of the solution per run. Artifacts go to <c>Benchmarks/BenchmarkDotNet.Artifacts</c>.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"))
        .WithArtifactsPath(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts")));
}
