using System.Text;
using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Storage;

/// <summary>
/// The room-directory contract against DynamoDB (DynamoDB Local). Listings see every room of a table, so each test
/// gets tables of its own (a fresh table prefix).
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbRoomDirectoryTests(DynamoDbLocalFixture dynamo) : RoomDirectoryContract
{
    /// <summary>DynamoDB's item size limit: what the whole directory had to fit in when it was one grain state item.</summary>
    private const int MaxItemBytes = 400 * 1024;

    protected override async Task<IRoomDirectory> NewDirectoryAsync() =>
        new DynamoDbRoomDirectory(dynamo.Client, await NewTablesAsync());

    [Fact]
    public async Task Listing_PagesThroughMoreRoomsThanOneItemCouldHold_WithNoItemGrowing()
    {
        var options = await NewTablesAsync();
        var directory = new DynamoDbRoomDirectory(dynamo.Client, options);
        var rooms = Enumerable.Range(0, 720)
            .Select(i => new RoomSummary($"big-{i:0000}", $"Room {i:0000} " + new string('n', 90), "Topic " + new string('t', 490), i % 10 == 0, $"owner-{i % 7}"))
            .ToList();
        Assert.True(rooms.Sum(SummaryBytes) > MaxItemBytes, "The rooms must not fit in one item.");
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (room, cancel) => await directory.UpsertAsync(room, cancel));

        var seen = new List<RoomSummary>();
        RoomListKey? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await directory.ListPublicAsync(null, after, RoomListQuery.MaxLimit);
            Assert.Null(page.ScannedTo);
            if (page.Rooms.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Rooms);
            after = RoomListKey.Of(page.Rooms[^1], null);
        }

        Assert.Equal(rooms.Where(room => !room.IsPrivate).OrderBy(room => room.Id, StringComparer.Ordinal), seen);
        Assert.Equal(rooms.Where(room => room.IsPrivate), (await directory.GetAsync(rooms.Select(room => room.Id).ToArray())).Where(room => room.IsPrivate).OrderBy(room => room.Id, StringComparer.Ordinal));
        var largest = await LargestItemBytesAsync(options.Value.RoomDirectoryTableName);
        Assert.True(largest < 2_000, $"The largest directory item holds {largest} bytes; items must stay the size of one room.");
    }

    [Fact]
    public async Task Search_WithLongRunsOfSkippedTopicEntries_StopsEarly_AndPagingStillSeesEveryRoomOnce()
    {
        var directory = new DynamoDbRoomDirectory(dynamo.Client, await NewTablesAsync()) { MinReadBudget = 1 };
        var rooms = Enumerable.Range(0, 24).Select(i => new RoomSummary($"both-{i:00}", $"dup name {i:00}", $"dup topic {i:00}", false, "alice"))
            .Concat(Enumerable.Range(0, 6).Select(i => new RoomSummary($"topic-{i:00}", $"other {i:00}", $"dup {(i % 2 == 0 ? "a" : "z")} {i:00}", false, "alice")))
            .ToList();
        await Task.WhenAll(rooms.Select(room => directory.UpsertAsync(room)));
        var expected = rooms.OrderBy(room => RoomListKey.Of(room, "dup")).Select(room => room.Id).ToList();

        var seen = new List<string>();
        var stops = 0;
        RoomListKey? after = null;
        for (var pages = 0; pages < 200; pages++)
        {
            var page = await directory.ListPublicAsync("dup", after, 2);
            seen.AddRange(page.Rooms.Select(room => room.Id));
            stops += page.ScannedTo is null ? 0 : 1;
            after = page.Rooms.Count == 2 ? RoomListKey.Of(page.Rooms[^1], "dup") : page.ScannedTo;
            if (after is null)
            {
                break;
            }
        }

        Assert.True(stops > 0, "The walks never stopped early; the test shows nothing.");
        Assert.Equal(expected, seen);
    }

    private async Task<IOptions<DynamoDbOptions>> NewTablesAsync()
    {
        var options = Options.Create(new DynamoDbOptions { ServiceUrl = dynamo.ServiceUrl, TablePrefix = $"dir-{Guid.NewGuid():N}-" });
        await new DynamoDbTableInitializer(dynamo.Client, options, NullLogger<DynamoDbTableInitializer>.Instance).EnsureTablesAsync(CancellationToken.None);
        return options;
    }

    private async Task<int> LargestItemBytesAsync(string table)
    {
        var largest = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            largest = Math.Max(largest, (response.Items ?? []).Select(item => item.Sum(pair => Encoding.UTF8.GetByteCount(pair.Key) + Encoding.UTF8.GetByteCount(pair.Value.S ?? pair.Value.N ?? ""))).DefaultIfEmpty(0).Max());
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return largest;
    }

    private static int SummaryBytes(RoomSummary room) =>
        Encoding.UTF8.GetByteCount(room.Id) + Encoding.UTF8.GetByteCount(room.Name) + Encoding.UTF8.GetByteCount(room.Topic ?? "") + Encoding.UTF8.GetByteCount(room.Owner);
}
