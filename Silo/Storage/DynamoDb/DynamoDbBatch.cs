using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>Batched writes that finish what DynamoDB leaves unprocessed.</summary>
public static class DynamoDbBatch
{
    /// <summary>Items per BatchWriteItem call (DynamoDB's limit).</summary>
    public const int MaxBatchWriteItems = 25;

    private const int MaxAttempts = 8;

    /// <summary>
    /// Deletes the items with the given keys, 25 per request. Items DynamoDB returns as unprocessed (throttling) are
    /// retried with exponential backoff; after <see cref="MaxAttempts"/> tries the call fails rather than leave them silently.
    /// </summary>
    public static async Task DeleteAsync(
        IAmazonDynamoDB client,
        string table,
        IEnumerable<Dictionary<string, AttributeValue>> keys,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(MaxBatchWriteItems))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [table] = [.. chunk.Select(key => new WriteRequest(new DeleteRequest(key)))],
            };

            for (var attempt = 1; ; attempt++)
            {
                var response = await client.BatchWriteItemAsync(pending, cancellationToken).ConfigureAwait(false);
                if (response.UnprocessedItems is not { Count: > 0 } unprocessed || unprocessed.Values.All(list => list.Count == 0))
                {
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException(
                        $"DynamoDB left {unprocessed.Values.Sum(list => list.Count)} deletes in table '{table}' unprocessed after {MaxAttempts} attempts.");
                }

                pending = unprocessed;
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
