using Chat.LoadTest.Client;
using Chat.LoadTest.Running;
using Chat.LoadTest.Thresholds;

namespace Chat.LoadTest.Cli;

/// <summary>
/// One run's shape, as given on the command line. The load model is open (<see cref="Rate"/> msg/s in all, after a
/// <see cref="Ramp"/>) unless <see cref="Concurrency"/> is above 0 (closed: that many operations at once).
/// <see cref="Validate"/> keeps every loop of the run bounded.
/// </summary>
public sealed record LoadTestSettings(
    Scenario Scenario,
    IReadOnlyList<Uri> BaseUrls,
    int Rooms,
    int Members,
    int Senders,
    double Rate,
    TimeSpan Ramp,
    int Concurrency,
    int MessageSize,
    TimeSpan Duration,
    TimeSpan Warmup,
    string Prefix,
    string? TokenCachePath,
    int? ServerPid,
    IReadOnlyList<Threshold> Thresholds,
    StepUpSettings? StepUp,
    ReportPaths Reports,
    HubClientKind Client = HubClientKind.Lean,
    bool TrustTokenCache = false)
{
    public const int MaxUsers = 20_000;
    public const int MaxRooms = 10_000;
    public const int MaxMembers = 1_000;
    public const double MaxRate = 200_000;
    public const int MaxConcurrency = 10_000;
    public const int MaxMessageSize = 2_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromMinutes(1);

    public int Users => Rooms * Members;

    public bool IsClosed => Concurrency > 0;

    /// <summary>Everything that is wrong with these settings; empty when the run may start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseUrls.Count is < 1 or > 16)
        {
            errors.Add("--url: give 1 to 16 base URLs.");
        }

        if (Rooms is < 1 or > MaxRooms)
        {
            errors.Add($"--rooms must be 1 to {MaxRooms}.");
        }

        var minMembers = Scenario == Scenario.Fanout ? 2 : 1;
        if (Members < minMembers || Members > MaxMembers)
        {
            errors.Add($"--members must be {minMembers} to {MaxMembers}{(minMembers == 2 ? " (a delivery needs a sender and a receiver)" : "")}.");
        }
        else if (Rooms is >= 1 and <= MaxRooms && (long)Rooms * Members > MaxUsers)
        {
            errors.Add($"--rooms x --members is {(long)Rooms * Members} users; at most {MaxUsers}.");
        }

        if (Scenario is Scenario.Fanout or Scenario.HttpPost && (Senders < 1 || Senders > Members))
        {
            errors.Add("--senders must be 1 to --members.");
        }

        if (Scenario != Scenario.Connect)
        {
            if (Concurrency is < 0 or > MaxConcurrency)
            {
                errors.Add($"--concurrency must be 0 (open model) to {MaxConcurrency}.");
            }
            else if (Concurrency == 0 && StepUp is null && (!double.IsFinite(Rate) || Rate <= 0 || Rate > MaxRate))
            {
                errors.Add($"--rate must be above 0 and at most {MaxRate:0} operations per second in all.");
            }
        }

        if (Ramp < TimeSpan.Zero || Ramp > MaxDuration)
        {
            errors.Add($"--ramp must be 0 to {MaxDuration.TotalMinutes:0} minutes.");
        }

        if (MessageSize is < 1 or > MaxMessageSize)
        {
            errors.Add($"--message-size must be 1 to {MaxMessageSize} characters.");
        }

        if (Duration < TimeSpan.FromSeconds(1) || Duration > MaxDuration)
        {
            errors.Add($"--duration must be 1 s to {MaxDuration.TotalMinutes:0} minutes.");
        }

        if (Warmup < TimeSpan.Zero || Warmup > MaxWarmup)
        {
            errors.Add($"--warmup must be 0 to {MaxWarmup.TotalSeconds:0} s.");
        }

        if (!LoadPlan.IsValidPrefix(Prefix))
        {
            errors.Add($"--prefix is 1 to {LoadPlan.MaxPrefixLength} characters: lower-case letters, digits and '-'.");
        }

        if (ServerPid is <= 0)
        {
            errors.Add("--server-pid must be a process id.");
        }

        if (StepUp is { } step)
        {
            if (Scenario != Scenario.Fanout || IsClosed)
            {
                errors.Add("--step-up works with the fanout scenario in the open model (no --concurrency).");
            }

            if (step.Settle < TimeSpan.Zero || step.Settle > StepUpSettings.MaxSettle)
            {
                errors.Add($"--settle must be from 0 to {StepUpSettings.MaxSettle.TotalMinutes:0} minutes.");
            }

            if (!double.IsFinite(step.Start) || step.Start <= 0 || !double.IsFinite(step.Max) || step.Max < step.Start || step.Max > MaxRate)
            {
                errors.Add($"--step-up start:factor:max needs 0 < start <= max <= {MaxRate:0}.");
            }

            if (!double.IsFinite(step.Factor) || step.Factor <= 1 || step.Factor > 10)
            {
                errors.Add("--step-up factor must be above 1 and at most 10.");
            }
        }

        if (TrustTokenCache && TokenCachePath is null)
        {
            errors.Add("--trust-token-cache needs a --token-cache file to trust.");
        }

        return errors;
    }
}
