using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Chat.Silo.Clustering.DynamoDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>
/// Creates the chat's DynamoDB tables when they are missing (on-demand capacity) and waits until they are active.
/// Runs first in the silo's lifecycle when <see cref="DynamoDbOptions.CreateTables"/> is set; tests call
/// <see cref="EnsureTablesAsync"/> directly.
/// </summary>
public sealed partial class DynamoDbTableInitializer(
    IAmazonDynamoDB client,
    IOptions<DynamoDbOptions> options,
    ILogger<DynamoDbTableInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.CreateTables)
        {
            lifecycle.Subscribe(nameof(DynamoDbTableInitializer), ServiceLifecycleStage.First, EnsureTablesAsync);
        }
    }

    /// <summary>Creates whichever of the membership, grain state, message and room directory tables is missing, and waits until all are active.</summary>
    public Task EnsureTablesAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(TableDefinitions(options.Value).Select(table => EnsureTableAsync(table, cancellationToken)));

    /// <summary>
    /// The tables the application uses: names, key schemas and key attributes, on-demand capacity. In AWS the
    /// CloudFormation template declares them (<c>cloudformation/chat.yaml</c>); a test checks that it declares these.
    /// </summary>
    public static IReadOnlyList<CreateTableRequest> TableDefinitions(DynamoDbOptions settings) =>
    [
        Table(
            settings.MembershipTableName,
            Key(DynamoDbMembershipTable.ClusterIdAttribute, ScalarAttributeType.S),
            Key(DynamoDbMembershipTable.RowKeyAttribute, ScalarAttributeType.S)),
        Table(
            settings.GrainStateTableName,
            Key(DynamoDbGrainStorage.GrainKeyAttribute, ScalarAttributeType.S),
            null),
        Table(
            settings.MessagesTableName,
            Key(DynamoDbMessageLog.RoomIdAttribute, ScalarAttributeType.S),
            Key(DynamoDbMessageLog.SeqAttribute, ScalarAttributeType.N)),
        Table(
            settings.RoomDirectoryTableName,
            Key(DynamoDbRoomDirectory.PartitionAttribute, ScalarAttributeType.S),
            Key(DynamoDbRoomDirectory.SortAttribute, ScalarAttributeType.S)),
    ];

    private static AttributeDefinition Key(string name, ScalarAttributeType type) => new() { AttributeName = name, AttributeType = type };

    private static CreateTableRequest Table(string table, AttributeDefinition hash, AttributeDefinition? range) => new()
    {
        TableName = table,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = range is null ? [hash] : [hash, range],
        KeySchema = range is null
            ? [new KeySchemaElement(hash.AttributeName, KeyType.HASH)]
            : [new KeySchemaElement(hash.AttributeName, KeyType.HASH), new KeySchemaElement(range.AttributeName, KeyType.RANGE)],
    };

    private async Task EnsureTableAsync(CreateTableRequest request, CancellationToken cancellationToken)
    {
        var table = request.TableName;
        if (await GetStatusAsync(table, cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
                LogTableCreated(logger, table);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it at the same time.
            }
        }

        var clock = Stopwatch.StartNew();
        while (await GetStatusAsync(table, cancellationToken).ConfigureAwait(false) != TableStatus.ACTIVE)
        {
            if (clock.Elapsed > ActiveTimeout)
            {
                throw new TimeoutException($"DynamoDB table '{table}' did not become ACTIVE within {ActiveTimeout.TotalSeconds:0} s.");
            }

            // DynamoDB has no notification for a table's status; poll it.
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TableStatus?> GetStatusAsync(string table, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false);
            return response.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created DynamoDB table {Table}")]
    private static partial void LogTableCreated(ILogger logger, string table);
}
