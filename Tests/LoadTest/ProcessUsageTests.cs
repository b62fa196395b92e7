using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class ProcessUsageTests
{
    [Fact]
    public void TryParseCpu_AddsUserAndSystemTicks_EvenWithParenthesesInTheName()
    {
        const string stat = "4242 (dotnet (api) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 1000 100000 5000 0";

        Assert.True(ProcessUsage.TryParseCpu(stat, out var cpu));

        Assert.Equal(TimeSpan.FromSeconds(18.01), cpu);
    }

    [Fact]
    public void TryParseResident_ReadsVmRssInBytes()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t30\n";

        Assert.True(ProcessUsage.TryParseResident(status, out var bytes));

        Assert.Equal(123_456L * 1024, bytes);
        Assert.False(ProcessUsage.TryParseResident("Name:\tx\n", out _));
    }

    [Fact]
    public void TryRead_OwnProcess_SeesCpuAndMemory()
    {
        Assert.True(ProcessUsage.TryRead(Environment.ProcessId, out var usage));

        Assert.True(usage.ResidentBytes > 1024 * 1024);
        Assert.True(usage.CpuTime > TimeSpan.Zero);
        Assert.False(ProcessUsage.TryRead(int.MaxValue, out _));
    }
}
