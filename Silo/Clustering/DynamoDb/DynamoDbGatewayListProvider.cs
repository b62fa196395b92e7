using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Chat.Silo.Clustering.DynamoDb;

/// <summary>
/// The gateways an Orleans client may connect to, read from the DynamoDB membership table: the silos that are
/// <see cref="SiloStatus.Active"/> and have a gateway (proxy) port. Refreshed as often as
/// <see cref="GatewayOptions.GatewayListRefreshPeriod"/> says.
/// </summary>
public sealed class DynamoDbGatewayListProvider(DynamoDbMembershipTable table, IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    /// <summary>Nothing to prepare: the client never creates the table or its version row.</summary>
    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return [.. data.Members
            .Select(member => member.Item1)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort != 0)
            .Select(entry => SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri())];
    }
}
