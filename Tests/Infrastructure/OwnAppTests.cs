namespace Chat.Tests.Infrastructure;

/// <summary>
/// Tests that need a front silo of their own, configured with <paramref name="settings"/> (low limits, say): one per
/// test, over its own data directory.
/// </summary>
public abstract class OwnAppTests(IDictionary<string, string?> settings) : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    protected ChatAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new ChatAppFactory(_data.Path, settings);
        _ = Factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _data.Dispose();
    }
}
