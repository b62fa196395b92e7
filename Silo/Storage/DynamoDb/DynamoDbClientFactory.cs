using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>Creates the DynamoDB client described by <see cref="DynamoDbOptions"/>.</summary>
public static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            // In AWS: the SDK's default credential chain (the instance role) and the real regional endpoint.
            return new AmazonDynamoDBClient(new AmazonDynamoDBConfig
            {
                RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region),
            });
        }

        // A local endpoint: ServiceURL plus AuthenticationRegion. Setting RegionEndpoint as well would make the SDK
        // ignore ServiceURL and call AWS. DynamoDB Local accepts any credentials, so dummy ones keep the SDK from
        // looking for real ones.
        return new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = options.ServiceUrl,
                AuthenticationRegion = options.Region,
            });
    }
}
