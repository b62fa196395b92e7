using Chat.LoadTest.Cli;

namespace Chat.Tests.LoadTest;

public sealed class LoadTestSettingsTests
{
    private static readonly LoadTestSettings Valid = new(
        Scenario.Fanout, [new Uri("http://127.0.0.1:5000/")], Rooms: 100, Members: 20, Senders: 2, Rate: 2_250,
        Ramp: TimeSpan.Zero, Concurrency: 0, MessageSize: 100, Duration: TimeSpan.FromSeconds(30), Warmup: TimeSpan.FromSeconds(5),
        Prefix: "lt", TokenCachePath: null, ServerPid: null, Thresholds: [], StepUp: null, Reports: ReportPaths.None);

    [Fact]
    public void Validate_TheIssuesWorkload_HasNoError()
    {
        Assert.Empty(Valid.Validate());
    }

    [Fact]
    public void Validate_ClusterSizedRuns_AreAllowed()
    {
        Assert.Empty((Valid with { Rooms = 1_000, Members = 20, Rate = 50_000 }).Validate());
        Assert.Empty((Valid with { Scenario = Scenario.Connect, Rooms = 500, Members = 20 }).Validate());
    }

    [Fact]
    public void Validate_DurationOverTenMinutes_IsRefused()
    {
        var errors = (Valid with { Duration = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1) }).Validate();

        Assert.Contains(errors, e => e.Contains("--duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnboundedShapes_AreRefused()
    {
        Assert.NotEmpty((Valid with { Members = 1 }).Validate());
        Assert.NotEmpty((Valid with { Senders = 21 }).Validate());
        Assert.NotEmpty((Valid with { Rooms = 10_000, Members = 20 }).Validate());
        Assert.NotEmpty((Valid with { Rate = 0 }).Validate());
        Assert.NotEmpty((Valid with { Rate = double.PositiveInfinity }).Validate());
        Assert.NotEmpty((Valid with { Concurrency = 20_000 }).Validate());
        Assert.NotEmpty((Valid with { BaseUrls = [] }).Validate());
        Assert.NotEmpty((Valid with { Prefix = "Bad Prefix" }).Validate());
    }

    [Fact]
    public void Validate_StepUp_OnlyForOpenFanout()
    {
        var stepUp = new StepUpSettings(1_000, 1.25, 20_000);

        Assert.Empty((Valid with { StepUp = stepUp }).Validate());
        Assert.NotEmpty((Valid with { StepUp = stepUp, Concurrency = 10 }).Validate());
        Assert.NotEmpty((Valid with { StepUp = stepUp, Scenario = Scenario.History }).Validate());
        Assert.NotEmpty((Valid with { StepUp = stepUp with { Factor = 1 } }).Validate());
        Assert.Empty((Valid with { StepUp = stepUp with { Settle = StepUpSettings.MaxSettle } }).Validate());
        Assert.NotEmpty((Valid with { StepUp = stepUp with { Settle = TimeSpan.FromSeconds(-1) } }).Validate());
        Assert.NotEmpty((Valid with { StepUp = stepUp with { Settle = StepUpSettings.MaxSettle + TimeSpan.FromSeconds(1) } }).Validate());
    }

    [Fact]
    public void TryParseStepUp_ReadsStartFactorMax()
    {
        Assert.True(LoadTestCommand.TryParseStepUp("1000:1.5:30000", out var stepUp));
        Assert.Equal(new StepUpSettings(1_000, 1.5, 30_000), stepUp);
        Assert.False(LoadTestCommand.TryParseStepUp("1000:1.5", out _));
        Assert.False(LoadTestCommand.TryParseStepUp("a:b:c", out _));
    }
}
