using Chat.Silo.Clustering.DynamoDb;
using Chat.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Tests.Clustering;

/// <summary>The membership contract against the DynamoDB membership table (DynamoDB Local).</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbMembershipTableTests(DynamoDbLocalFixture dynamo) : MembershipTableContract
{
    protected override IMembershipTable CreateTable(string clusterId) => new DynamoDbMembershipTable(
        dynamo.Client,
        dynamo.Options,
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "chat-tests" }),
        NullLogger<DynamoDbMembershipTable>.Instance);
}
