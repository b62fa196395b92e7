using Chat.Silo.Hosting;

namespace Chat.Tests.Features;

public sealed class DevelopmentKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chat-tests", Guid.NewGuid().ToString("N"));

    private string KeyPath => Path.Combine(_directory, "nested", "test.key");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ReadOrCreate_TheFirstTime_WritesARandomKeyReadableByTheOwnerOnly()
    {
        var key = DevelopmentKeyFile.ReadOrCreate(KeyPath, 48, out var created);

        Assert.True(created);
        Assert.Equal(48, Convert.FromBase64String(key).Length);
        Assert.Equal(key, File.ReadAllText(KeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }
    }

    [Fact]
    public void ReadOrCreate_AfterwardsReadsTheSameKey()
    {
        var first = DevelopmentKeyFile.ReadOrCreate(KeyPath, 32, out _);

        var again = DevelopmentKeyFile.ReadOrCreate(KeyPath, 32, out var created);

        Assert.False(created);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task ReadOrCreate_ByConcurrentFirstCallers_GivesThemAllOneKeyAndLeavesOneFile()
    {
        const int callers = 8;
        using var start = new Barrier(callers);
        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                var key = DevelopmentKeyFile.ReadOrCreate(KeyPath, 32, out var created);
                return (Key: key, Created: created);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Single(results.Select(r => r.Key).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal([KeyPath], Directory.GetFiles(Path.GetDirectoryName(KeyPath)!));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }
    }
}
