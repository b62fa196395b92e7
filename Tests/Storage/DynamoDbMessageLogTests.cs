using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Silo.Storage.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage;

/// <summary>The message-log contract against DynamoDB (DynamoDB Local), and its appends shared across rooms.</summary>
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
}
