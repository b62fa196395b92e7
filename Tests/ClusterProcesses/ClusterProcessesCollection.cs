using Chat.Tests.Storage;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// Tests that run real silo processes (and nginx) on one DynamoDB Local. They run alone, after the parallel
/// collections: they start several processes each and measure recovery times, which a busy two-core machine would skew.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessesCollection : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "cluster processes";
}
