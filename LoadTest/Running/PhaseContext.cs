using Chat.LoadTest.Cli;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>What every measured phase of a run shares: the settings, the plan, the actors and connections, the set-up's figures.</summary>
public sealed record PhaseContext(
    LoadTestSettings Settings,
    LoadPlan Plan,
    MetricsSlot Slot,
    IReadOnlyList<ILoadActor> Actors,
    IReadOnlyList<VirtualUser> Users,
    ProcessUsage? Baseline,
    RunMetrics ConnectTiming,
    DateTimeOffset StartedAt,
    double SetupSeconds);
