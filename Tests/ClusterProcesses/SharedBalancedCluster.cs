using Chat.Tests.Storage;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// One cluster for the tests of a class that only read and post (two front silos, a back silo, nginx, the dashboard
/// on), started by the first test that asks and stopped when the class is done.
/// </summary>
public sealed class SharedBalancedCluster : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ProcessCluster? _cluster;

    public async Task<ProcessCluster> GetAsync(DynamoDbLocalFixture dynamoDb)
    {
        await _gate.WaitAsync();
        try
        {
            return _cluster ??= await ProcessCluster.StartAsync(
                dynamoDb,
                fronts: 2,
                backs: 1,
                balancer: true,
                settings: new Dictionary<string, string> { ["Chat:Dashboard:Enabled"] = "true" });
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }
}
