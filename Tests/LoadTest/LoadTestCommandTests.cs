using Chat.LoadTest.Cli;

namespace Chat.Tests.LoadTest;

public sealed class LoadTestCommandTests
{
    [Theory]
    [InlineData("fanout", "--url", "http://example.com:5000")]
    [InlineData("fanout", "--url", "http://127.0.0.1:5000,http://10.0.0.1:5000")]
    [InlineData("fanout", "--fail-if", "p99>>100ms")]
    [InlineData("fanout", "--step-up", "1000:1.25")]
    [InlineData("history", "--step-up", "100:2:400")]
    [InlineData("fanout", "--settle", "10s")]
    [InlineData("connect", "--members", "0")]
    [InlineData("http-post", "--rate", "0")]
    [InlineData("fanout", "--overload", "--concurrency", "10")]
    [InlineData("connect", "--trust-token-cache", "--token-cache", "none")]
    public async Task BadArguments_ExitWithTwo_BeforeAnythingIsSent(params string[] args)
    {
        var exit = await LoadTestCommand.Create().Parse(args).InvokeAsync();

        Assert.Equal(LoadTestCommand.InvalidArguments, exit);
    }

    [Fact]
    public void EveryScenario_IsASubCommand()
    {
        Assert.Equal(["fanout", "connect", "history", "http-post"], LoadTestCommand.Create().Subcommands.Select(c => c.Name));
    }
}
