using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
}
