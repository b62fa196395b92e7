using Orleans.TestingHost;

namespace Chat.Tests.Infrastructure;

/// <summary>An in-process Orleans cluster of two silos sharing one embedded store.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Properties["Chat:DataDirectory"] = _data.Path;
        builder.Properties["Chat:Encryption:Keys:test-1"] = TestKeys.EncryptionKey;
        builder.Properties["Chat:Encryption:CurrentKeyId"] = "test-1";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}
