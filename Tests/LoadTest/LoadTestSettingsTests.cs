using Chat.LoadTest.Cli;

namespace Chat.Tests.LoadTest;

public sealed class LoadTestSettingsTests
{
    private static readonly LoadTestSettings Valid = new(
        new Uri("http://127.0.0.1:5000/"), Users: 20, Rooms: 5, RoomsPerUser: 1, Rate: 2,
        Duration: TimeSpan.FromSeconds(30), Warmup: TimeSpan.FromSeconds(5), JsonPath: null);

    [Fact]
    public void Validate_DefaultRun_HasNoError()
    {
        Assert.Empty(Valid.Validate());
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
        Assert.NotEmpty((Valid with { Users = 1 }).Validate());
        Assert.NotEmpty((Valid with { Rooms = 21 }).Validate());
        Assert.NotEmpty((Valid with { RoomsPerUser = 6 }).Validate());
        Assert.NotEmpty((Valid with { Rate = 0 }).Validate());
        Assert.NotEmpty((Valid with { Rate = double.PositiveInfinity }).Validate());
        Assert.NotEmpty((Valid with { Users = 2_000, Rate = 50 }).Validate());
    }
}
