using Chat.Grains.Storage;
using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage;

/// <summary>The message-log contract against DynamoDB (DynamoDB Local).</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbMessageLogTests(DynamoDbLocalFixture dynamo) : MessageLogContract
{
    protected override IMessageLog Log { get; } =
        new DynamoDbMessageLog(dynamo.Client, dynamo.Options, NullLogger<DynamoDbMessageLog>.Instance);
}
