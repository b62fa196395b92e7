namespace Chat.Tests.Storage;

/// <summary>Tests that share one DynamoDB Local process.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
