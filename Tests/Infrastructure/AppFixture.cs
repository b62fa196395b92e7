namespace Chat.Tests.Infrastructure;

/// <summary>One running front silo shared by a collection of tests; each test makes its own users and rooms.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public ChatAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new ChatAppFactory(_data.Path);
        _ = Factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _data.Dispose();
    }

    public Task<ChatTestClient> NewUserAsync(string? userName = null) => Factory.NewClient().RegisterAsync(userName);
}
