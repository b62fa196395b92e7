using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>
/// The room directory in one DynamoDB table (partition key <see cref="PartitionAttribute"/>, sort key
/// <see cref="SortAttribute"/>, both strings), three kinds of item:
/// <list type="bullet">
/// <item>the room: <c>room#{id}</c> / <c>room</c>, its summary and the sort keys of its listing items;</item>
/// <item>a public room's name entry: <c>name#{shard}</c> / <c>{normalized name}\u0001{id}</c>;</item>
/// <item>a public room with a topic, its topic entry: <c>topic#{shard}</c> / <c>{normalized topic}\u0001{id}</c>.</item>
/// </list>
/// The shard is a stable hash of the id modulo <see cref="Shards"/>, so listing writes spread over that many
/// partition keys. A listing queries each shard in sort-key order from the cursor (a <c>begins_with</c> on the sort
/// key serves the prefix search) and merges; no item grows with the number of rooms, and private rooms have no
/// listing entries. One room's items change together in one TransactWriteItems.
/// </summary>
public sealed class DynamoDbRoomDirectory(IAmazonDynamoDB client, IOptions<DynamoDbOptions> options) : IRoomDirectory
{
    /// <summary>Partition key (string).</summary>
    public const string PartitionAttribute = "Pk";

    /// <summary>Sort key (string).</summary>
    public const string SortAttribute = "Sk";

    /// <summary>
    /// Listing partitions per kind. Fixed: changing it moves every entry. Four keys take four times the write rate
    /// one partition key allows, and a page reads at most four times its size per kind.
    /// </summary>
    public const int Shards = 4;

    private const string RoomSortKey = "room";
    private const string IdAttribute = "Id";
    private const string NameAttribute = "Name";
    private const string TopicAttribute = "Topic";
    private const string PrivateAttribute = "IsPrivate";
    private const string OwnerAttribute = "Owner";
    private const string NameEntryAttribute = "NameEntry";
    private const string TopicEntryAttribute = "TopicEntry";
    private const string VersionAttribute = "Version";
    private const int MaxBatchGetItems = 100;
    private const int MaxAttempts = 8;

    /// <summary>
    /// The least a shard's walk may read per page before it stops and reports where (see <see cref="ReadBudget"/>).
    /// Settable so a test can show the early stop on a few rooms.
    /// </summary>
    public int MinReadBudget { get; init; } = 400;

    private string Table => options.Value.RoomDirectoryTableName;

    public async Task UpsertAsync(RoomSummary room, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadRoomItemAsync(room.Id, cancellationToken).ConfigureAwait(false);
            if (stored is not null && ToSummary(stored) == room)
            {
                return;
            }

            var writes = new List<TransactWriteItem> { new() { Put = RoomPut(room, stored) } };
            EntryKeys? nameEntry = room.IsPrivate ? null : EntryKey("name", RoomSearch.Normalize(room.Name)!, room.Id);
            EntryKeys? topicEntry = room.IsPrivate || TopicTerm(room) is not { } topic ? null : EntryKey("topic", topic, room.Id);
            writes.AddRange(StaleEntries(stored, nameEntry, topicEntry));
            writes.AddRange(new[] { nameEntry, topicEntry }.Where(entry => entry is not null).Select(entry => entry!.Value).Select(entry => new TransactWriteItem { Put = EntryPut(entry, room) }));
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TransactionCanceledException) when (attempt < MaxAttempts)
            {
                // Another writer changed the room item since it was read (or a conflicting transaction): read again.
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task RemoveAsync(string roomId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadRoomItemAsync(roomId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return;
            }

            var writes = new List<TransactWriteItem>
            {
                new()
                {
                    Delete = new Delete
                    {
                        TableName = Table,
                        Key = Key("room#" + roomId, RoomSortKey),
                        ConditionExpression = "#v = :v",
                        ExpressionAttributeNames = new() { ["#v"] = VersionAttribute },
                        ExpressionAttributeValues = new() { [":v"] = stored[VersionAttribute] },
                    },
                },
            };
            writes.AddRange(StaleEntries(stored, null, null));
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TransactionCanceledException) when (attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<RoomSummary>> GetAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken = default)
    {
        var rooms = new List<RoomSummary>();
        foreach (var chunk in roomIds.Distinct(StringComparer.Ordinal).Chunk(MaxBatchGetItems))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [Table] = new() { Keys = [.. chunk.Select(id => Key("room#" + id, RoomSortKey))] },
            };
            for (var attempt = 1; ; attempt++)
            {
                var response = await client.BatchGetItemAsync(pending, cancellationToken).ConfigureAwait(false);
                if (response.Responses?.TryGetValue(Table, out var items) == true)
                {
                    rooms.AddRange(items.Select(ToSummary));
                }

                if (response.UnprocessedKeys is not { Count: > 0 } unprocessed || unprocessed.Values.All(keys => keys.Keys is not { Count: > 0 }))
                {
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"DynamoDB left room reads in table '{Table}' unprocessed after {MaxAttempts} attempts.");
                }

                pending = unprocessed;
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }

        return rooms;
    }

    public async Task<RoomDirectoryPage> ListPublicAsync(string? search, RoomListKey? after, int limit, CancellationToken cancellationToken = default)
    {
        var kinds = search is null ? ["name"] : new[] { "name", "topic" };
        var shards = await Task.WhenAll(kinds.SelectMany(kind => Enumerable.Range(0, Shards)
            .Select(shard => QueryShardAsync($"{kind}#{shard}", kind == "topic", search, after, limit, cancellationToken)))).ConfigureAwait(false);

        // A shard that stopped early has shown everything up to where it stopped, so the page can only hold what
        // lies before the earliest such stop.
        var scannedTo = shards.Where(shard => shard.ScannedTo is not null).Select(shard => shard.ScannedTo!.Value).DefaultIfEmpty().Min();
        var stopped = shards.Any(shard => shard.ScannedTo is not null);
        var rooms = shards.SelectMany(shard => shard.Rooms)
            .Select(room => (Key: RoomListKey.Of(room, search), Room: room))
            .Where(entry => !stopped || entry.Key <= scannedTo)
            .OrderBy(entry => entry.Key)
            .Select(entry => entry.Room)
            .Take(limit)
            .ToArray();
        return rooms.Length == limit || !stopped ? new RoomDirectoryPage(rooms) : new RoomDirectoryPage(rooms, scannedTo);
    }

    /// <summary>
    /// The first <paramref name="limit"/> entries of one listing partition after <paramref name="after"/> that
    /// match <paramref name="search"/>; a topic entry of a room whose name matches is skipped (the room is listed
    /// under its name). Entries are in sort-key order, so the first one past the search's range ends the walk.
    /// Skipping could read a long run of entries, so a walk reads at most <see cref="ReadBudget"/> entries and then
    /// reports where it stopped.
    /// </summary>
    private async Task<RoomDirectoryPage> QueryShardAsync(
        string partition, bool topics, string? search, RoomListKey? after, int limit, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#pk"] = PartitionAttribute };
        var values = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = partition } };
        var condition = "#pk = :pk";
        if (after is { } start && (search is null || RoomSearch.CompareCodePoints(start.SortKey, search) >= 0))
        {
            condition += " AND #sk > :after";
            values[":after"] = new() { S = start.SortKey };
            names["#sk"] = SortAttribute;
        }
        else if (search is not null)
        {
            condition += " AND begins_with(#sk, :search)";
            values[":search"] = new() { S = search };
            names["#sk"] = SortAttribute;
        }

        var rooms = new List<RoomSummary>();
        var budget = ReadBudget(limit);
        var read = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await client.QueryAsync(
                new QueryRequest
                {
                    TableName = Table,
                    KeyConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = startKey,
                    Limit = Math.Min(limit - rooms.Count + 1, budget - read),
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                read++;
                var sortKey = item[SortAttribute].S;
                var separator = sortKey.IndexOf(RoomSearch.KeySeparator, StringComparison.Ordinal);
                var key = new RoomListKey(sortKey[..separator], sortKey[(separator + 1)..]);
                if (search is not null && !RoomSearch.Matches(key.Term, search))
                {
                    return new RoomDirectoryPage(rooms);
                }

                var room = ToSummary(item);
                if (!topics || search is null || !RoomSearch.Matches(RoomSearch.Normalize(room.Name), search))
                {
                    rooms.Add(room);
                    if (rooms.Count == limit)
                    {
                        return new RoomDirectoryPage(rooms);
                    }
                }

                if (read == budget)
                {
                    return new RoomDirectoryPage(rooms, key);
                }
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return new RoomDirectoryPage(rooms);
    }

    /// <summary>Most entries one shard's walk reads for a page of <paramref name="limit"/>.</summary>
    private int ReadBudget(int limit) => Math.Max(MinReadBudget, 2 * (limit + 1));

    private Put RoomPut(RoomSummary room, Dictionary<string, AttributeValue>? stored)
    {
        var item = Summary(room);
        item[PartitionAttribute] = new() { S = "room#" + room.Id };
        item[SortAttribute] = new() { S = RoomSortKey };
        item[PrivateAttribute] = new() { BOOL = room.IsPrivate };
        var version = stored is null ? 0 : long.Parse(stored[VersionAttribute].N, CultureInfo.InvariantCulture);
        item[VersionAttribute] = new() { N = (version + 1).ToString(CultureInfo.InvariantCulture) };
        if (!room.IsPrivate)
        {
            // The terms of the listing entries, so that the next change knows which entries to delete.
            item[NameEntryAttribute] = new() { S = RoomSearch.Normalize(room.Name)! };
            if (TopicTerm(room) is { } topic)
            {
                item[TopicEntryAttribute] = new() { S = topic };
            }
        }

        return stored is null
            ? new Put { TableName = Table, Item = item, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new() { ["#pk"] = PartitionAttribute } }
            : new Put
            {
                TableName = Table,
                Item = item,
                ConditionExpression = "#v = :v",
                ExpressionAttributeNames = new() { ["#v"] = VersionAttribute },
                ExpressionAttributeValues = new() { [":v"] = stored[VersionAttribute] },
            };
    }

    /// <summary>Deletes of the stored room's listing entries that the new state no longer has at the same key.</summary>
    private IEnumerable<TransactWriteItem> StaleEntries(Dictionary<string, AttributeValue>? stored, EntryKeys? name, EntryKeys? topic)
    {
        if (stored is null)
        {
            yield break;
        }

        var id = stored[IdAttribute].S;
        if (stored.TryGetValue(NameEntryAttribute, out var oldName) && EntryKey("name", oldName.S, id) is var oldNameKey && oldNameKey != name)
        {
            yield return new TransactWriteItem { Delete = new Delete { TableName = Table, Key = Key(oldNameKey.Partition, oldNameKey.Sort) } };
        }

        if (stored.TryGetValue(TopicEntryAttribute, out var oldTopic) && EntryKey("topic", oldTopic.S, id) is var oldTopicKey && oldTopicKey != topic)
        {
            yield return new TransactWriteItem { Delete = new Delete { TableName = Table, Key = Key(oldTopicKey.Partition, oldTopicKey.Sort) } };
        }
    }

    private Put EntryPut(EntryKeys entry, RoomSummary room)
    {
        var item = Summary(room);
        item[PartitionAttribute] = new() { S = entry.Partition };
        item[SortAttribute] = new() { S = entry.Sort };
        return new Put { TableName = Table, Item = item };
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadRoomItemAsync(string roomId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = Table, Key = Key("room#" + roomId, RoomSortKey), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>The term a room's topic is listed under; null without a topic (or one with nothing searchable).</summary>
    private static string? TopicTerm(RoomSummary room) => RoomSearch.Normalize(room.Topic) is { Length: > 0 } topic ? topic : null;

    private static EntryKeys EntryKey(string kind, string term, string roomId) =>
        new($"{kind}#{Shard(roomId)}", new RoomListKey(term, roomId).SortKey);

    /// <summary>FNV-1a of the id: stable across processes and versions, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static int Shard(string roomId)
    {
        var hash = 2166136261u;
        foreach (var c in roomId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % Shards);
    }

    private static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [PartitionAttribute] = new() { S = partition },
        [SortAttribute] = new() { S = sort },
    };

    private static Dictionary<string, AttributeValue> Summary(RoomSummary room)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new() { S = room.Id },
            [NameAttribute] = new() { S = room.Name },
            [OwnerAttribute] = new() { S = room.Owner },
        };
        if (room.Topic is not null)
        {
            item[TopicAttribute] = new() { S = room.Topic };
        }

        return item;
    }

    private static RoomSummary ToSummary(Dictionary<string, AttributeValue> item) => new(
        item[IdAttribute].S,
        item[NameAttribute].S,
        item.TryGetValue(TopicAttribute, out var topic) ? topic.S : null,
        item.TryGetValue(PrivateAttribute, out var isPrivate) && isPrivate.BOOL == true,
        item[OwnerAttribute].S);

    private readonly record struct EntryKeys(string Partition, string Sort);
}
