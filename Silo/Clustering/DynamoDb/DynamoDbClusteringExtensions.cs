using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Messaging;

namespace Chat.Silo.Clustering.DynamoDb;

/// <summary>Cluster membership in DynamoDB.</summary>
public static class DynamoDbClusteringExtensions
{
    /// <summary>
    /// Keeps the cluster's membership in the DynamoDB membership table (<see cref="DynamoDbMembershipTable"/>).
    /// The cluster id comes from Orleans' <c>ClusterOptions</c>.
    /// </summary>
    public static ISiloBuilder UseDynamoDbClustering(this ISiloBuilder silo, Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        silo.Services.AddDynamoDb(configure);
        silo.Services.AddSingleton<DynamoDbMembershipTable>();
        silo.Services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<DynamoDbMembershipTable>());
        return silo;
    }

    /// <summary>
    /// Lets an Orleans client find the cluster's gateways in the DynamoDB membership table
    /// (<see cref="DynamoDbGatewayListProvider"/>: active silos with a gateway port). The client reads the table only.
    /// </summary>
    public static IClientBuilder UseDynamoDbClustering(this IClientBuilder client, Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        var options = client.Services.AddOptions<DynamoDbOptions>();
        configure?.Invoke(options);
        options.ValidateDataAnnotations().ValidateOnStart();
        client.Services.TryAddSingleton(sp => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value));
        client.Services.AddSingleton<DynamoDbMembershipTable>();
        client.Services.AddSingleton<IGatewayListProvider, DynamoDbGatewayListProvider>();
        return client;
    }
}
