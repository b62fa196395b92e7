using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Silo.Clustering.DynamoDb;

/// <summary>
/// Orleans cluster membership in DynamoDB. One partition per cluster id holds one row per silo (sort key: the silo
/// address) and a version row. Inserts and updates change the silo row and the version row in one TransactWriteItems,
/// conditional on the ETags the writer read and on the new table version being the successor of the stored one, so of
/// two concurrent writers exactly one wins. Heartbeats (<see cref="UpdateIAmAliveAsync"/>) touch only the silo row's
/// alive time and leave every ETag as it was. A DynamoDB transaction conflict (a read or heartbeat that meets a write in
/// flight on the same item) is transient: it is retried with backoff, and reported as
/// <see cref="MembershipTableUnavailableException"/> when it persists.
/// </summary>
public sealed partial class DynamoDbMembershipTable(
    IAmazonDynamoDB client,
    IOptions<DynamoDbOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<DynamoDbMembershipTable> logger) : IMembershipTable
{
    /// <summary>Partition key: the cluster id.</summary>
    public const string ClusterIdAttribute = "ClusterId";

    /// <summary>Sort key: the silo address (parsable form), or <see cref="VersionRowKey"/>.</summary>
    public const string RowKeyAttribute = "RowKey";

    /// <summary>Sort key of the row that holds the table version.</summary>
    public const string VersionRowKey = "VERSION";

    private const string ETagAttribute = "ETag";
    private const string VersionAttribute = "Version";
    private const string StatusAttribute = "Status";
    private const string ProxyPortAttribute = "ProxyPort";
    private const string HostNameAttribute = "HostName";
    private const string SiloNameAttribute = "SiloName";
    private const string RoleNameAttribute = "RoleName";
    private const string UpdateZoneAttribute = "UpdateZone";
    private const string FaultZoneAttribute = "FaultZone";
    private const string StartTimeAttribute = "StartTime";
    private const string IAmAliveTimeAttribute = "IAmAliveTime";
    private const string SuspectTimesAttribute = "SuspectTimes";
    private const string SuspectingSiloAttribute = "Silo";
    private const string SuspectTimeAttribute = "Time";

    /// <summary>The version reported while a cluster has no version row (nothing can be written against it).</summary>
    private static readonly TableVersion MissingVersion = new(0, "none");

    /// <summary>Attempts of one read or heartbeat before it is reported as failed (about 3 s of backoff in all).</summary>
    private const int MaxAttempts = 8;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private string Table => options.Value.MembershipTableName;

    private string ClusterId => clusterOptions.Value.ClusterId;

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = Table,
                    Item = new()
                    {
                        [ClusterIdAttribute] = new() { S = ClusterId },
                        [RowKeyAttribute] = new() { S = VersionRowKey },
                        [VersionAttribute] = Number(0),
                        [ETagAttribute] = new() { S = NewETag() },
                    },
                    ConditionExpression = "attribute_not_exists(#row)",
                    ExpressionAttributeNames = new() { ["#row"] = RowKeyAttribute },
                },
                cancellationToken).ConfigureAwait(false);
            LogVersionRowCreated(logger, ClusterId, Table);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo created it first.
        }
    }

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        var items = await QueryPartitionAsync(clusterId, keysOnly: true, cancellationToken).ConfigureAwait(false);
        await DynamoDbBatch.DeleteAsync(client, Table, items, cancellationToken).ConfigureAwait(false);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    /// <summary>
    /// Deletes the rows of silos that are not <see cref="SiloStatus.Active"/> (dead, or stuck in <c>Created</c>,
    /// <c>Joining</c>, <c>ShuttingDown</c> or <c>Stopping</c> after a crash) whose last update (start, heartbeat or a
    /// suspicion vote) is older than <paramref name="beforeDate"/>. Active rows are never deleted: a silo that stopped
    /// heartbeating is first declared dead by the membership protocol. The table version is left as it is.
    /// </summary>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var items = await QueryPartitionAsync(ClusterId, keysOnly: false, cancellationToken).ConfigureAwait(false);
        foreach (var item in items.Where(item => item[RowKeyAttribute].S != VersionRowKey))
        {
            var entry = ToEntry(item);
            if (entry.Status == SiloStatus.Active || LastUpdate(entry) >= beforeDate.UtcDateTime)
            {
                continue;
            }

            try
            {
                // Only if nobody changed the row (a write or a heartbeat) since it was read.
                await client.DeleteItemAsync(
                    new DeleteItemRequest
                    {
                        TableName = Table,
                        Key = RowKey(ClusterId, item[RowKeyAttribute].S),
                        ConditionExpression = "#etag = :etag AND #alive = :alive",
                        ExpressionAttributeNames = new() { ["#etag"] = ETagAttribute, ["#alive"] = IAmAliveTimeAttribute },
                        ExpressionAttributeValues = new() { [":etag"] = item[ETagAttribute], [":alive"] = item[IAmAliveTimeAttribute] },
                    },
                    cancellationToken).ConfigureAwait(false);
                LogDefunctRowDeleted(logger, entry.SiloAddress, entry.Status, ClusterId);
            }
            catch (Exception error) when (error is ConditionalCheckFailedException or TransactionConflictException)
            {
                // Changed, gone or being written meanwhile: leave it to the next cleanup.
            }
        }
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    /// <summary>
    /// Reads the silo's row and the version row in one TransactGetItems, so both come from the same moment. A
    /// transaction conflict (a membership write in flight on either item) is retried with backoff.
    /// </summary>
    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        var request = new TransactGetItemsRequest
        {
            TransactItems =
            [
                new TransactGetItem { Get = new Get { TableName = Table, Key = RowKey(ClusterId, key.ToParsableString()) } },
                new TransactGetItem { Get = new Get { TableName = Table, Key = RowKey(ClusterId, VersionRowKey) } },
            ],
        };
        var response = await RetryConflictsAsync(
            "ReadRow",
            () => client.TransactGetItemsAsync(request, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        var silo = response.Responses[0].Item;
        var version = ToVersion(response.Responses[1].Item);
        return silo is { Count: > 0 }
            ? new MembershipTableData(Tuple.Create(ToEntry(silo), silo[ETagAttribute].S), version)
            : new MembershipTableData(version);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    /// <summary>
    /// Reads the whole cluster partition as one snapshot. A DynamoDB Query is not a snapshot: it can return an old silo
    /// row together with a newer version row. Every membership write changes the version row's ETag in the same
    /// transaction as its silo row, so the version row is read (strongly consistent) before and after the query, and
    /// the result is accepted only when the ETag is the same in all three reads; otherwise it is read again after a
    /// backoff. Heartbeats and cleanup do not change the ETag and do not cause a retry.
    /// </summary>
    /// <exception cref="MembershipTableUnavailableException">The membership kept changing during every attempt.</exception>
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            var items = await QueryPartitionAsync(ClusterId, keysOnly: false, cancellationToken).ConfigureAwait(false);
            var after = await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            var queried = ToVersion(items.Find(item => item[RowKeyAttribute].S == VersionRowKey));
            if (before.VersionEtag == after.VersionEtag && queried.VersionEtag == before.VersionEtag)
            {
                return new MembershipTableData(
                    [.. items.Where(item => item[RowKeyAttribute].S != VersionRowKey).Select(row => Tuple.Create(ToEntry(row), row[ETagAttribute].S))],
                    queried);
            }

            if (attempt == MaxAttempts)
            {
                throw new MembershipTableUnavailableException(
                    $"The membership of cluster '{ClusterId}' in table '{Table}' changed during each of {MaxAttempts} reads; no consistent snapshot could be read.");
            }

            LogReadOverlappedWrite(logger, ClusterId, attempt);
            await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) =>
        WriteRowAsync(
            entry,
            "attribute_not_exists(#row)",
            new() { ["#row"] = RowKeyAttribute },
            null,
            tableVersion,
            cancellationToken);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) =>
        WriteRowAsync(
            entry,
            "#etag = :etag",
            new() { ["#etag"] = ETagAttribute },
            new() { [":etag"] = new() { S = etag } },
            tableVersion,
            cancellationToken);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>
    /// Writes only the alive time: no ETag changes, so rows and versions read before stay valid for updates. A
    /// transaction conflict (a membership write in flight on the row) is retried with backoff; a missing row is an error.
    /// </summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = Table,
            Key = RowKey(ClusterId, entry.SiloAddress.ToParsableString()),
            UpdateExpression = "SET #alive = :alive",
            ConditionExpression = "attribute_exists(#row)",
            ExpressionAttributeNames = new() { ["#alive"] = IAmAliveTimeAttribute, ["#row"] = RowKeyAttribute },
            ExpressionAttributeValues = new() { [":alive"] = Time(entry.IAmAliveTime) },
        };
        try
        {
            await RetryConflictsAsync(
                "UpdateIAmAlive",
                () => client.UpdateItemAsync(request, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException error)
        {
            throw new InvalidOperationException(
                $"Silo {entry.SiloAddress} has no membership row in cluster '{ClusterId}' to record its heartbeat in.", error);
        }
    }

    /// <summary>
    /// Puts the silo row (under <paramref name="rowCondition"/>) and moves the version row from the ETag the caller
    /// read to a new one, in one transaction, only when <paramref name="tableVersion"/> is the successor of the stored
    /// version (a caller that skips or repeats a version is refused like one with a stale ETag). A failed condition or a conflicting transaction means another writer
    /// won: the caller re-reads and retries.
    /// </summary>
    private async Task<bool> WriteRowAsync(
        MembershipEntry entry,
        string rowCondition,
        Dictionary<string, string> rowNames,
        Dictionary<string, AttributeValue>? rowValues,
        TableVersion tableVersion,
        CancellationToken cancellationToken)
    {
        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = Table,
                        Item = ToItem(entry, tableVersion.Version),
                        ConditionExpression = rowCondition,
                        ExpressionAttributeNames = rowNames,
                        ExpressionAttributeValues = rowValues,
                    },
                },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = Table,
                        Key = RowKey(ClusterId, VersionRowKey),
                        UpdateExpression = "SET #version = :version, #etag = :next",
                        ConditionExpression = "#etag = :expected AND #version = :previous",
                        ExpressionAttributeNames = new() { ["#version"] = VersionAttribute, ["#etag"] = ETagAttribute },
                        ExpressionAttributeValues = new()
                        {
                            [":version"] = Number(tableVersion.Version),
                            [":previous"] = Number(tableVersion.Version - 1),
                            [":next"] = new() { S = NewETag() },
                            [":expected"] = new() { S = tableVersion.VersionEtag },
                        },
                    },
                },
            ],
        };

        try
        {
            await client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException error) when (error.CancellationReasons?.Any(IsLostRace) == true)
        {
            LogWriteLost(logger, entry.SiloAddress, ClusterId, string.Join(", ", error.CancellationReasons.Select(reason => reason.Code)));
            return false;
        }
    }

    private async Task<TableVersion> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = Table, Key = RowKey(ClusterId, VersionRowKey), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return ToVersion(response.Item);
    }

    /// <summary>
    /// Runs a single-item read or write again, after a growing delay, while DynamoDB reports a conflict with a
    /// transaction in flight; after <see cref="MaxAttempts"/> the conflict is reported as unavailability.
    /// </summary>
    private async Task<T> RetryConflictsAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception error) when (IsTransactionConflict(error))
            {
                if (attempt == MaxAttempts)
                {
                    throw new MembershipTableUnavailableException(
                        $"{operation} in cluster '{ClusterId}' of table '{Table}' met a conflicting transaction in each of {MaxAttempts} attempts.",
                        error);
                }

                LogConflictRetried(logger, operation, ClusterId, attempt);
                await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransactionConflict(Exception error) => error switch
    {
        TransactionConflictException => true,
        TransactionCanceledException canceled => canceled.CancellationReasons?.Any(reason => reason.Code == "TransactionConflict") == true,
        _ => false,
    };

    /// <summary>Exponential backoff with jitter: 25 ms, 50 ms, 100 ms, … up to 1 s, each between half and all of it.</summary>
    private static TimeSpan RetryDelay(int attempt)
    {
        var full = Math.Min(FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static bool IsLostRace(CancellationReason reason) => reason.Code is "ConditionalCheckFailed" or "TransactionConflict";

    private async Task<List<Dictionary<string, AttributeValue>>> QueryPartitionAsync(string clusterId, bool keysOnly, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await client.QueryAsync(
                new QueryRequest
                {
                    TableName = Table,
                    KeyConditionExpression = "#cluster = :cluster",
                    ProjectionExpression = keysOnly ? "#cluster, #row" : null,
                    ExpressionAttributeNames = keysOnly
                        ? new() { ["#cluster"] = ClusterIdAttribute, ["#row"] = RowKeyAttribute }
                        : new() { ["#cluster"] = ClusterIdAttribute },
                    ExpressionAttributeValues = new() { [":cluster"] = new() { S = clusterId } },
                    ConsistentRead = true,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return items;
    }

    private Dictionary<string, AttributeValue> ToItem(MembershipEntry entry, int tableVersion)
    {
        var item = RowKey(ClusterId, entry.SiloAddress.ToParsableString());
        item[ETagAttribute] = new() { S = NewETag() };
        item[VersionAttribute] = Number(tableVersion);
        item[StatusAttribute] = Number((int)entry.Status);
        item[ProxyPortAttribute] = Number(entry.ProxyPort);
        item[UpdateZoneAttribute] = Number(entry.UpdateZone);
        item[FaultZoneAttribute] = Number(entry.FaultZone);
        item[StartTimeAttribute] = Time(entry.StartTime);
        item[IAmAliveTimeAttribute] = Time(entry.IAmAliveTime);
        AddString(item, HostNameAttribute, entry.HostName);
        AddString(item, SiloNameAttribute, entry.SiloName);
        AddString(item, RoleNameAttribute, entry.RoleName);
        if (entry.SuspectTimes is { Count: > 0 } votes)
        {
            item[SuspectTimesAttribute] = new()
            {
                L = [.. votes.Select(vote => new AttributeValue
                {
                    M = new() { [SuspectingSiloAttribute] = new() { S = vote.Item1.ToParsableString() }, [SuspectTimeAttribute] = Time(vote.Item2) },
                })],
            };
        }

        return item;
    }

    private static MembershipEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(item[RowKeyAttribute].S),
        Status = (SiloStatus)ParseInt(item[StatusAttribute]),
        ProxyPort = ParseInt(item[ProxyPortAttribute]),
        UpdateZone = ParseInt(item[UpdateZoneAttribute]),
        FaultZone = ParseInt(item[FaultZoneAttribute]),
        StartTime = ParseTime(item[StartTimeAttribute]),
        IAmAliveTime = ParseTime(item[IAmAliveTimeAttribute]),
        HostName = item.TryGetValue(HostNameAttribute, out var host) ? host.S : string.Empty,
        SiloName = item.TryGetValue(SiloNameAttribute, out var silo) ? silo.S : string.Empty,
        RoleName = item.TryGetValue(RoleNameAttribute, out var role) ? role.S : null,
        SuspectTimes = item.TryGetValue(SuspectTimesAttribute, out var votes) && votes.L is { } list
            ? [.. list.Select(vote => Tuple.Create(
                SiloAddress.FromParsableString(vote.M[SuspectingSiloAttribute].S),
                ParseTime(vote.M[SuspectTimeAttribute])))]
            : [],
    };

    private static TableVersion ToVersion(Dictionary<string, AttributeValue>? item) =>
        item is { Count: > 0 } ? new TableVersion(ParseInt(item[VersionAttribute]), item[ETagAttribute].S) : MissingVersion;

    /// <summary>The latest moment the row is known to have changed: start, heartbeat or a vote against it.</summary>
    private static DateTime LastUpdate(MembershipEntry entry)
    {
        var last = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
        foreach (var vote in entry.SuspectTimes ?? [])
        {
            if (vote.Item2 > last)
            {
                last = vote.Item2;
            }
        }

        return last;
    }

    private static Dictionary<string, AttributeValue> RowKey(string clusterId, string rowKey) => new()
    {
        [ClusterIdAttribute] = new() { S = clusterId },
        [RowKeyAttribute] = new() { S = rowKey },
    };

    private static void AddString(Dictionary<string, AttributeValue> item, string attribute, string? value)
    {
        if (value is not null)
        {
            item[attribute] = new() { S = value };
        }
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static AttributeValue Number(int value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static int ParseInt(AttributeValue value) => int.Parse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Times are stored as round-trip UTC strings; Orleans' times are UTC.</summary>
    private static AttributeValue Time(DateTime value) => new()
    {
        S = (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
            .ToString("O", CultureInfo.InvariantCulture),
    };

    private static DateTime ParseTime(AttributeValue value) =>
        DateTime.Parse(value.S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId} in table {Table}")]
    private static partial void LogVersionRowCreated(ILogger logger, string clusterId, string table);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the row of defunct silo {Silo} ({Status}) from cluster {ClusterId}")]
    private static partial void LogDefunctRowDeleted(ILogger logger, SiloAddress silo, SiloStatus status, string clusterId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership write for {Silo} in cluster {ClusterId} lost to a concurrent write ({Reasons})")]
    private static partial void LogWriteLost(ILogger logger, SiloAddress silo, string clusterId, string reasons);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the membership of cluster {ClusterId} overlapped a write (attempt {Attempt}); reading again")]
    private static partial void LogReadOverlappedWrite(ILogger logger, string clusterId, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} in cluster {ClusterId} met a conflicting transaction (attempt {Attempt}); trying again")]
    private static partial void LogConflictRetried(ILogger logger, string operation, string clusterId, int attempt);
}
