using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>
/// Message history in DynamoDB: partition = room id, sort = seq, so every history page is one query.
/// <see cref="SentAtAttribute"/> holds unix milliseconds.
/// </summary>
public sealed partial class DynamoDbMessageLog : IMessageLog
{
    /// <summary>Partition key: the room id.</summary>
    public const string RoomIdAttribute = "RoomId";

    /// <summary>Sort key: the message's seq (a number).</summary>
    public const string SeqAttribute = "Seq";

    /// <summary>When the message was stored, in unix milliseconds.</summary>
    public const string SentAtAttribute = "SentAt";

    /// <summary>Items per TransactWriteItems call (DynamoDB's limit).</summary>
    public const int MaxTransactionItems = 100;

    /// <summary>DynamoDB's cancellation reason for an item whose condition did not hold.</summary>
    public const string ConditionalCheckFailed = "ConditionalCheckFailed";

    /// <summary>An append's condition: no message with that seq yet.</summary>
    private const string NewSeqCondition = "attribute_not_exists(#seq)";

    private const string IdAttribute = "Id";
    private const string AuthorAttribute = "Author";
    private const string TextAttribute = "Text";
    private const string ClientMessageIdAttribute = "ClientMessageId";
    private const string EditedAtAttribute = "EditedAt";
    private const string DeletedAttribute = "Deleted";
    private const string TagsAttribute = "Tags";
    private const string KeyIdAttribute = "KeyId";

    private static readonly System.Text.Json.JsonSerializerOptions TagsJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private readonly IAmazonDynamoDB _client;
    private readonly IOptions<DynamoDbOptions> _options;
    private readonly ILogger<DynamoDbMessageLog> _logger;

    public DynamoDbMessageLog(
        IAmazonDynamoDB client,
        IOptions<DynamoDbOptions> options,
        ILogger<DynamoDbMessageLog> logger,
        ChatMetrics? metrics = null)
    {
        _client = client;
        _options = options;
        _logger = logger;
        Batcher = new DynamoDbAppendBatcher(WriteAppendsAsync, options.Value.MaxAppendTransactions)
        {
            TransactionWritten = metrics is null ? null : metrics.RecordStoreTransaction,
        };
    }

    /// <summary>Writes the appends of up to 100 messages, several rooms' together when they come at once.</summary>
    public DynamoDbAppendBatcher Batcher { get; }

    private string Table => _options.Value.MessagesTableName;

    /// <summary>
    /// Writes the batch with one TransactWriteItems per 100 messages (a lone message as one PutItem), each put
    /// conditional on its seq being absent. A batch of up to 100 messages is atomic; without a cancellation token it
    /// goes through <see cref="Batcher"/>, which may write it in one transaction with other rooms' appends. A larger
    /// one is written in consecutive transactions: when one of them
    /// fails (a stored seq, an error, cancellation), the transactions already committed for this batch are deleted
    /// again (only items that still carry this batch's message ids) before the error is thrown, so the batch leaves
    /// nothing behind. Only a crash of the process between those transactions (or a failing undo, which is logged)
    /// can leave the first part of such a batch stored; the room then meets <see cref="DuplicateSeqException"/> on
    /// its next append of those seqs.
    /// </summary>
    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count is > 0 and <= MaxTransactionItems && !cancellationToken.CanBeCanceled)
        {
            await Batcher.AppendAsync(roomId, [.. messages]).ConfigureAwait(false);
            return;
        }

        var written = new List<ChatMessage[]>();
        foreach (var chunk in messages.Chunk(MaxTransactionItems))
        {
            try
            {
                await PutAllAsync(roomId, chunk, NewSeqCondition, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                await UndoAsync(roomId, written).ConfigureAwait(false);
                if (IsConditionFailure(error))
                {
                    throw DuplicateSeqException.Of(roomId, messages, error);
                }

                throw;
            }

            written.Add(chunk);
        }
    }

    /// <summary>
    /// Replaces stored items whole, each on the condition that it exists, in one TransactWriteItems per 100 (an
    /// update batch comes from one room's commit loop, so a later part failing leaves the earlier part written:
    /// each item is a complete, newer version of its message).
    /// </summary>
    public async Task UpdateAsync(string roomId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in messages.Chunk(MaxTransactionItems))
        {
            try
            {
                await PutAllAsync(roomId, chunk, "attribute_exists(#seq)", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (IsConditionFailure(error))
            {
                throw new KeyNotFoundException($"Room '{roomId}' has no stored message among seq {chunk[0].Seq}..{chunk[^1].Seq}.", error);
            }
        }
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(string roomId, MessageQuery query, CancellationToken cancellationToken = default)
    {
        var low = query.After is { } after ? after + 1 : (long?)null;
        var high = query.Before is { } before ? before - 1 : (long?)null;
        if (query.Limit <= 0 || (low is not null && high is not null && low > high))
        {
            return [];
        }

        var values = new Dictionary<string, AttributeValue> { [":room"] = new() { S = roomId } };
        string condition;
        if (low is not null && high is not null)
        {
            condition = "#room = :room AND #seq BETWEEN :low AND :high";
            values[":low"] = Number(low.Value);
            values[":high"] = Number(high.Value);
        }
        else if (low is not null)
        {
            condition = "#room = :room AND #seq >= :low";
            values[":low"] = Number(low.Value);
        }
        else if (high is not null)
        {
            condition = "#room = :room AND #seq <= :high";
            values[":high"] = Number(high.Value);
        }
        else
        {
            condition = "#room = :room";
        }

        // With After the page starts just after it (ascending); otherwise it is the newest page, read descending.
        var ascending = query.After is not null;
        var page = new List<ChatMessage>(Math.Min(query.Limit, MessageQuery.MaxLimit));
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = Table,
                    KeyConditionExpression = condition,
                    ExpressionAttributeNames = KeyNames(withSeq: low is not null || high is not null),
                    ExpressionAttributeValues = values,
                    ScanIndexForward = ascending,
                    Limit = query.Limit - page.Count,
                    ConsistentRead = true,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken).ConfigureAwait(false);
            page.AddRange((response.Items ?? []).Select(FromItem));
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null && page.Count < query.Limit);

        if (!ascending)
        {
            page.Reverse();
        }

        return page;
    }

    public async Task<IReadOnlyList<ClientMessageKey>> ReadClientMessageKeysAsync(string roomId, long afterSeq, CancellationToken cancellationToken = default)
    {
        var keys = new List<ClientMessageKey>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = Table,
                    KeyConditionExpression = "#room = :room AND #seq > :after",
                    FilterExpression = "attribute_exists(#cid)",
                    ProjectionExpression = "#seq, #author, #cid",
                    ExpressionAttributeNames = new()
                    {
                        ["#room"] = RoomIdAttribute,
                        ["#seq"] = SeqAttribute,
                        ["#author"] = AuthorAttribute,
                        ["#cid"] = ClientMessageIdAttribute,
                    },
                    ExpressionAttributeValues = new() { [":room"] = new() { S = roomId }, [":after"] = Number(afterSeq) },
                    ConsistentRead = true,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.Items ?? []).Select(item => new ClientMessageKey(
                ParseNumber(item[SeqAttribute]),
                item[AuthorAttribute].S,
                item[ClientMessageIdAttribute].S)));
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return keys;
    }

    public async Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = Table,
                    KeyConditionExpression = "#room = :room",
                    ProjectionExpression = "#room, #seq",
                    ExpressionAttributeNames = KeyNames(withSeq: true),
                    ExpressionAttributeValues = new() { [":room"] = new() { S = roomId } },
                    ConsistentRead = true,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken).ConfigureAwait(false);
            await DynamoDbBatch.DeleteAsync(_client, Table, response.Items ?? [], cancellationToken).ConfigureAwait(false);
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
    }

    /// <summary>
    /// Puts up to 100 whole items, each under <paramref name="condition"/> (which may use <c>#seq</c>): one item as a
    /// conditional PutItem, more in one transaction. A single put is all or nothing by itself, and costs half the write
    /// units of a transaction (1 against 2 per KB) and well under half the store's work (docs/performance.md, "One
    /// message, one put").
    /// </summary>
    private async Task PutAllAsync(string roomId, ChatMessage[] chunk, string condition, CancellationToken cancellationToken)
    {
        if (chunk is [var message])
        {
            await PutOneAsync(roomId, message, condition, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _client.TransactWriteItemsAsync(
            new TransactWriteItemsRequest { TransactItems = [.. chunk.Select(m => new TransactWriteItem { Put = Put(roomId, m, condition) })] },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The batcher's write: every room's messages, each put only if its seq is absent; a lone message as one
    /// conditional PutItem (the common case while the store keeps up, see <see cref="PutAllAsync"/>), several in one
    /// transaction whose refusal names the item at fault.
    /// </summary>
    private async Task WriteAppendsAsync(IReadOnlyList<RoomAppend> appends)
    {
        if (appends is [{ Messages: [_] } append])
        {
            try
            {
                await PutAllAsync(append.RoomId, append.Messages, NewSeqCondition, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException error)
            {
                throw DuplicateSeqException.Of(append.RoomId, append.Messages, error);
            }

            return;
        }

        await _client.TransactWriteItemsAsync(
            new TransactWriteItemsRequest
            {
                TransactItems = [.. appends.SelectMany(a => a.Messages.Select(m => new TransactWriteItem { Put = Put(a.RoomId, m, NewSeqCondition) }))],
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// One conditional PutItem. Unlike a transaction it carries no idempotency token, so when the SDK retries a put
    /// whose first attempt landed (its answer lost), the retry finds its own item: the item the failed condition
    /// returns carries this message's id, and the put counts as done instead of as a clash.
    /// </summary>
    private async Task PutOneAsync(string roomId, ChatMessage message, string condition, CancellationToken cancellationToken)
    {
        var put = Put(roomId, message, condition);
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = put.TableName,
                    Item = put.Item,
                    ConditionExpression = put.ConditionExpression,
                    ExpressionAttributeNames = put.ExpressionAttributeNames,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException error)
            when (condition == NewSeqCondition && error.Item is { } stored && stored.TryGetValue(IdAttribute, out var id) && id.S == message.Id)
        {
            // Our own write, stored by an earlier attempt of this very put.
        }
    }

    private Put Put(string roomId, ChatMessage message, string condition) => new()
    {
        TableName = Table,
        Item = ToItem(roomId, message),
        ConditionExpression = condition,
        ExpressionAttributeNames = new() { ["#seq"] = SeqAttribute },
    };

    /// <summary>Deletes the parts of a batch that were committed before a later part failed, if they are still ours.</summary>
    private async Task UndoAsync(string roomId, List<ChatMessage[]> written)
    {
        foreach (var chunk in written)
        {
            try
            {
                // Not cancellable: a half-undone batch is worse than a late one.
                await _client.TransactWriteItemsAsync(
                    new TransactWriteItemsRequest
                    {
                        TransactItems = [.. chunk.Select(message => new TransactWriteItem
                        {
                            Delete = new Delete
                            {
                                TableName = Table,
                                Key = new() { [RoomIdAttribute] = new() { S = roomId }, [SeqAttribute] = Number(message.Seq) },
                                ConditionExpression = "#id = :id",
                                ExpressionAttributeNames = new() { ["#id"] = IdAttribute },
                                ExpressionAttributeValues = new() { [":id"] = new() { S = message.Id } },
                            },
                        })],
                    },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                LogUndoFailed(_logger, error, roomId, chunk[0].Seq, chunk[^1].Seq);
            }
        }
    }

    /// <summary>Expression names for the key attributes; DynamoDB refuses names an expression does not use.</summary>
    private static Dictionary<string, string> KeyNames(bool withSeq) => withSeq
        ? new() { ["#room"] = RoomIdAttribute, ["#seq"] = SeqAttribute }
        : new() { ["#room"] = RoomIdAttribute };

    /// <summary>A put's condition did not hold: a lone put's own exception, or a transaction that names it for an item.</summary>
    private static bool IsConditionFailure(Exception error) => error switch
    {
        ConditionalCheckFailedException => true,
        TransactionCanceledException canceled => canceled.CancellationReasons?.Any(reason => reason.Code == ConditionalCheckFailed) == true,
        _ => false,
    };

    private static Dictionary<string, AttributeValue> ToItem(string roomId, ChatMessage message)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [RoomIdAttribute] = new() { S = roomId },
            [SeqAttribute] = Number(message.Seq),
            [IdAttribute] = new() { S = message.Id },
            [AuthorAttribute] = new() { S = message.Author },
            [TextAttribute] = new() { S = message.Text },
            [SentAtAttribute] = Number(message.SentAt.ToUnixTimeMilliseconds()),
        };
        if (message.ClientMessageId is not null)
        {
            item[ClientMessageIdAttribute] = new() { S = message.ClientMessageId };
        }

        if (message.EditedAt is { } editedAt)
        {
            item[EditedAtAttribute] = Number(editedAt.ToUnixTimeMilliseconds());
        }

        if (message.Deleted)
        {
            item[DeletedAttribute] = new() { BOOL = true };
        }

        if (message.Tags is not null)
        {
            item[TagsAttribute] = new() { S = System.Text.Json.JsonSerializer.Serialize(message.Tags, TagsJson) };
        }

        if (message.EncryptionKeyId is not null)
        {
            item[KeyIdAttribute] = new() { S = message.EncryptionKeyId };
        }

        return item;
    }

    private static ChatMessage FromItem(Dictionary<string, AttributeValue> item) => new(
        item[RoomIdAttribute].S,
        ParseNumber(item[SeqAttribute]),
        item[IdAttribute].S,
        item[AuthorAttribute].S,
        item[TextAttribute].S,
        DateTimeOffset.FromUnixTimeMilliseconds(ParseNumber(item[SentAtAttribute])),
        item.TryGetValue(ClientMessageIdAttribute, out var clientMessageId) ? clientMessageId.S : null,
        item.TryGetValue(EditedAtAttribute, out var editedAt) ? DateTimeOffset.FromUnixTimeMilliseconds(ParseNumber(editedAt)) : null,
        item.TryGetValue(DeletedAttribute, out var deleted) && deleted.BOOL == true,
        item.TryGetValue(TagsAttribute, out var tags) ? System.Text.Json.JsonSerializer.Deserialize<MessageTags>(tags.S, TagsJson) : null,
        item.TryGetValue(KeyIdAttribute, out var keyId) ? keyId.S : null);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static long ParseNumber(AttributeValue value) => long.Parse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not undo the stored part (seq {FirstSeq}..{LastSeq}) of a refused batch in room {RoomId}")]
    private static partial void LogUndoFailed(ILogger logger, Exception error, string roomId, long firstSeq, long lastSeq);
}
