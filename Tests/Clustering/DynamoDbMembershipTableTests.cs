using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Chat.Silo.Clustering.DynamoDb;
using Chat.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Tests.Clustering;

/// <summary>
/// The membership contract against the DynamoDB membership table (DynamoDB Local), and what only DynamoDB needs:
/// snapshots from a Query that is not one, retries on transaction conflicts, and the clients' gateway list.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbMembershipTableTests(DynamoDbLocalFixture dynamo) : MembershipTableContract
{
    protected override IMembershipTable CreateTable(string clusterId) => CreateTable(dynamo.Client, clusterId);

    [Fact]
    public async Task ReadAll_WhenAWriteCommitsDuringTheQuery_ReadsAgainAndReturnsTheNewerSnapshot()
    {
        var clusterId = NewClusterId();
        var writer = await NewClusterAsync(clusterId);
        Assert.True(await writer.InsertRowAsync(Entry(), (await writer.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        var concurrent = Entry();
        control.Before(nameof(IAmazonDynamoDB.QueryAsync), async call =>
        {
            if (call == 1)
            {
                Assert.True(await writer.InsertRowAsync(concurrent, (await writer.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
            }
        });

        var data = await CreateTable(client, clusterId).ReadAllAsync(Timeout());

        Assert.Equal(2, control.Calls(nameof(IAmazonDynamoDB.QueryAsync)));
        Assert.Equal(2, data.Version.Version);
        Assert.Equal(2, data.Members.Count);
        Assert.NotNull(data.TryGet(concurrent.SiloAddress));
        Assert.Equal((await writer.ReadAllAsync(Timeout())).Version, data.Version);
    }

    [Fact]
    public async Task ReadAll_WhenTheTableChangesDuringEveryRead_FailsWithAClearErrorAfterBoundedRetries()
    {
        var clusterId = NewClusterId();
        var writer = await NewClusterAsync(clusterId);
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        control.Before(nameof(IAmazonDynamoDB.QueryAsync), async _ =>
            Assert.True(await writer.InsertRowAsync(Entry(), (await writer.ReadAllAsync(Timeout())).Version.Next(), Timeout())));

        var error = await Assert.ThrowsAsync<MembershipTableUnavailableException>(() => CreateTable(client, clusterId).ReadAllAsync(Timeout()));

        Assert.Contains(clusterId, error.Message, StringComparison.Ordinal);
        Assert.Contains("no consistent snapshot", error.Message, StringComparison.Ordinal);
        var queries = control.Calls(nameof(IAmazonDynamoDB.QueryAsync));
        Assert.InRange(queries, 2, 20);
        Assert.Equal(queries, (await writer.ReadAllAsync(Timeout())).Version.Version);
    }

    [Fact]
    public async Task ReadRow_OnATransactionConflict_RetriesAndReturnsTheRow()
    {
        var clusterId = NewClusterId();
        var writer = await NewClusterAsync(clusterId);
        var entry = Entry();
        Assert.True(await writer.InsertRowAsync(entry, (await writer.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        control.Before(nameof(IAmazonDynamoDB.TransactGetItemsAsync), call => call <= 2 ? throw Conflict() : Task.CompletedTask);

        var row = await CreateTable(client, clusterId).ReadRowAsync(entry.SiloAddress, Timeout());

        Assert.Equal(3, control.Calls(nameof(IAmazonDynamoDB.TransactGetItemsAsync)));
        Assert.Equal(entry.SiloAddress, Assert.Single(row.Members).Item1.SiloAddress);
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task ReadRow_WhenConflictsPersist_ReportsTheTableUnavailable()
    {
        var clusterId = NewClusterId();
        await NewClusterAsync(clusterId);
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        control.Before(nameof(IAmazonDynamoDB.TransactGetItemsAsync), _ => throw Conflict());

        var error = await Assert.ThrowsAsync<MembershipTableUnavailableException>(() => CreateTable(client, clusterId).ReadRowAsync(Entry().SiloAddress, Timeout()));

        Assert.IsType<TransactionCanceledException>(error.InnerException);
        Assert.InRange(control.Calls(nameof(IAmazonDynamoDB.TransactGetItemsAsync)), 2, 20);
    }

    [Fact]
    public async Task UpdateIAmAlive_OnATransactionConflict_RetriesAndRecordsTheHeartbeat()
    {
        var clusterId = NewClusterId();
        var writer = await NewClusterAsync(clusterId);
        var entry = Entry();
        Assert.True(await writer.InsertRowAsync(entry, (await writer.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        control.Before(nameof(IAmazonDynamoDB.UpdateItemAsync), call => call <= 2
            ? throw new TransactionConflictException("Transaction is ongoing for the item")
            : Task.CompletedTask);
        var heartbeat = new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = entry.IAmAliveTime.AddSeconds(30) };

        await CreateTable(client, clusterId).UpdateIAmAliveAsync(heartbeat, Timeout());

        Assert.Equal(3, control.Calls(nameof(IAmazonDynamoDB.UpdateItemAsync)));
        Assert.Equal(heartbeat.IAmAliveTime, (await writer.ReadRowAsync(entry.SiloAddress, Timeout())).Members[0].Item1.IAmAliveTime);
    }

    [Fact]
    public async Task GatewayList_HasTheActiveSilosWithAGatewayPortOnly()
    {
        var clusterId = NewClusterId();
        var table = await NewClusterAsync(clusterId);
        var entries = Enumerable.Range(0, 8).Select(_ => Entry()).ToList();
        entries[1].Status = SiloStatus.Active;
        entries[2].Status = SiloStatus.Active;
        entries[2].ProxyPort = 0;
        entries[3].Status = SiloStatus.Dead;
        entries[4].Status = SiloStatus.ShuttingDown;
        entries[6].Status = SiloStatus.Active;
        foreach (var entry in entries)
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        }

        var provider = new DynamoDbGatewayListProvider(
            (DynamoDbMembershipTable)CreateTable(clusterId),
            Options.Create(new GatewayOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(5) }));
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        Uri Gateway(MembershipEntry entry) =>
            SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(new[] { Gateway(entries[1]), Gateway(entries[6]) }.OrderBy(uri => uri.ToString()), gateways.OrderBy(uri => uri.ToString()));
        Assert.True(provider.IsUpdatable);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.MaxStaleness);
    }

    private static TransactionCanceledException Conflict() => new("Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]")
    {
        CancellationReasons = [new CancellationReason { Code = "TransactionConflict" }, new CancellationReason { Code = "None" }],
    };

    private DynamoDbMembershipTable CreateTable(IAmazonDynamoDB client, string clusterId) => new(
        client,
        dynamo.Options,
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "chat-tests" }),
        NullLogger<DynamoDbMembershipTable>.Instance);
}
