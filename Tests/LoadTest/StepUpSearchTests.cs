using Chat.LoadTest.Running;

namespace Chat.Tests.LoadTest;

public sealed class StepUpSearchTests
{
    /// <summary>Runs the search against a server that holds every rate up to <paramref name="capacity"/>, except the listed flaky runs.</summary>
    private static (double? Result, List<(double Rate, StepUpPhase Phase)> Steps) Run(StepUpSearch search, double capacity, params int[] flakyRuns)
    {
        var steps = new List<(double, StepUpPhase)>();
        while (search.Phase != StepUpPhase.Done)
        {
            steps.Add((search.Rate, search.Phase));
            search.Record(search.Rate <= capacity && !flakyRuns.Contains(steps.Count));
        }

        return (search.Result, steps);
    }

    [Fact]
    public void Climbs_UntilARateBreaks_ThenConfirmsTheHighestThatHeld()
    {
        var (result, steps) = Run(new StepUpSearch(1_000, 2, 100_000), capacity: 5_000);

        Assert.Equal(4_000, result);
        Assert.Equal([1_000, 2_000, 4_000, 8_000, 4_000], steps.Select(s => s.Rate));
        Assert.Equal(StepUpPhase.Confirming, steps[^1].Phase);
    }

    [Fact]
    public void AFailedConfirmation_FallsBackToTheNextLowerRateThatHeld()
    {
        // Run 5 is the confirmation of 4,000: it fails once, so 2,000 is confirmed instead.
        var (result, steps) = Run(new StepUpSearch(1_000, 2, 100_000), capacity: 5_000, flakyRuns: 5);

        Assert.Equal(2_000, result);
        Assert.Equal([1_000, 2_000, 4_000, 8_000, 4_000, 2_000], steps.Select(s => s.Rate));
    }

    [Fact]
    public void StopsAtTheMaximum_AndConfirmsIt()
    {
        var (result, steps) = Run(new StepUpSearch(1_000, 3, 5_000), capacity: 1_000_000);

        Assert.Equal(5_000, result);
        Assert.Equal([1_000, 3_000, 5_000, 5_000], steps.Select(s => s.Rate));
    }

    [Fact]
    public void WhenTheFirstRateBreaks_NothingHeld()
    {
        var (result, steps) = Run(new StepUpSearch(1_000, 2, 100_000), capacity: 10);

        Assert.Null(result);
        Assert.Single(steps);
    }

    [Fact]
    public void TheSearchIsBoundedInSteps()
    {
        var (_, steps) = Run(new StepUpSearch(1, 1.01, 1e9), capacity: double.MaxValue);

        Assert.True(steps.Count <= StepUpSearch.MaxSteps + 1, $"{steps.Count} steps");
    }
}
