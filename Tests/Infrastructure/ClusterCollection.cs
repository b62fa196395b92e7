namespace Chat.Tests.Infrastructure;

/// <summary>Tests that share the in-process two-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
