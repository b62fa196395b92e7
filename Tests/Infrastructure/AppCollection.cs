namespace Chat.Tests.Infrastructure;

/// <summary>Tests that share one running front silo.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
