using Amazon.DynamoDBv2;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Silo.Storage.DynamoDb;
using Chat.Tests.Clustering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage;

/// <summary>
/// The message-log contract against DynamoDB (DynamoDB Local), its appends shared across rooms, and the lone message
/// written as one conditional put instead of a transaction.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbMessageLogTests(DynamoDbLocalFixture dynamo) : MessageLogContract
{
    protected override IMessageLog Log { get; } =
        new DynamoDbMessageLog(dynamo.Client, dynamo.Options, NullLogger<DynamoDbMessageLog>.Instance);

    [Fact]
    public async Task Appends_OfManyRoomsAtOnce_ShareTransactions_AndARoomWithAStoredSeqIsRefusedAlone()
    {
        // One transaction at a time: whatever arrives while it is under way goes in the next one.
        var options = dynamo.Options.Value;
        var log = new DynamoDbMessageLog(
            dynamo.Client,
            Microsoft.Extensions.Options.Options.Create(new DynamoDbOptions
            {
                ServiceUrl = options.ServiceUrl,
                Region = options.Region,
                TablePrefix = options.TablePrefix,
                MaxAppendTransactions = 1,
            }),
            NullLogger<DynamoDbMessageLog>.Instance);
        var clashing = NewRoom();
        var stored = Range(clashing, 1, 2);
        await log.AppendAsync(clashing, stored);
        var rooms = Enumerable.Range(0, 30).Select(_ => NewRoom()).ToArray();
        var before = log.Batcher.Transactions;

        var appends = rooms.Select(room => log.AppendAsync(room, Range(room, 1, 3))).ToList();
        var refused = log.AppendAsync(clashing, Range(clashing, 2, 4, text: "again"));
        appends.AddRange(rooms.Take(5).Select(room => log.AppendAsync(room, Range(room, 4, 4))));

        await Assert.ThrowsAsync<DuplicateSeqException>(() => refused);
        await Task.WhenAll(appends);
        foreach (var room in rooms)
        {
            var expected = rooms.Take(5).Contains(room) ? 4 : 3;
            Assert.Equal(Enumerable.Range(1, expected).Select(seq => (long)seq), (await log.ReadAsync(room, MessageQuery.Newest(10))).Select(m => m.Seq));
        }

        Assert.Equal(stored, await log.ReadAsync(clashing, MessageQuery.Newest(10)));

        // 36 appends (98 items) in as few transactions as 100 items allow, plus one more for the appends that shared
        // the clashing room's refused transaction. At least 2: the writer of the set-up append may still be looping
        // when all 36 are queued and take them in one; usually the first goes alone while the others queue.
        var transactions = log.Batcher.Transactions - before;
        Assert.InRange(transactions, 2, 10);
    }

    [Fact]
    public async Task ALoneMessage_IsOneConditionalPut_AndSeveralAreOneTransaction_ForAppendsAndUpdates()
    {
        var (client, control) = InterceptingDynamoDb.Wrap(dynamo.Client);
        var log = new DynamoDbMessageLog(client, dynamo.Options, NullLogger<DynamoDbMessageLog>.Instance);
        var room = NewRoom();

        await log.AppendAsync(room, Range(room, 1, 1));
        await log.AppendAsync(room, Range(room, 2, 3));
        var edited = Range(room, 1, 3, text: "edited");
        await log.UpdateAsync(room, edited[..1]);
        await log.UpdateAsync(room, edited[1..]);

        Assert.Equal(2, control.Calls(nameof(IAmazonDynamoDB.PutItemAsync)));
        Assert.Equal(2, control.Calls(nameof(IAmazonDynamoDB.TransactWriteItemsAsync)));
        Assert.Equal(edited, await log.ReadAsync(room, MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task ALoneMessage_WhoseSeqIsStored_IsRefused_UnlessTheStoredOneIsItself()
    {
        // A put's retry (the SDK's, after a timeout) may find the item its first attempt stored: that is not a clash.
        var room = NewRoom();
        var message = Range(room, 1, 1);
        await Log.AppendAsync(room, message);

        await Log.AppendAsync(room, message);
        await Assert.ThrowsAsync<DuplicateSeqException>(() => Log.AppendAsync(room, Range(room, 1, 1, text: "another")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Log.UpdateAsync(room, Range(room, 2, 2)));

        Assert.Equal(message, await Log.ReadAsync(room, MessageQuery.Newest(10)));
    }
}
