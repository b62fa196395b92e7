using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>
/// Grain state in DynamoDB: one item per (provider, state name, grain id) with a numeric version as the ETag.
/// Every write and delete is conditional on the version read, so a stale writer gets <see cref="InconsistentStateException"/>.
/// A grain that read no record (no ETag) may only create the record, and clearing then fails if someone created it
/// meanwhile. State whose item would exceed DynamoDB's 400 KB limit is refused with <see cref="GrainStateTooLargeException"/>.
/// </summary>
public sealed class DynamoDbGrainStorage(
    string name,
    IAmazonDynamoDB client,
    IOptions<DynamoDbOptions> options,
    IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>Hash key: <c>provider/state name/grain id</c>.</summary>
    public const string GrainKeyAttribute = "GrainKey";

    /// <summary>DynamoDB's limit on the size of one item: 400 KB.</summary>
    public const int MaxItemBytes = 400 * 1024;

    private const string VersionAttribute = "Version";
    private const string DataAttribute = "Data";

    private string Table => options.Value.GrainStateTableName;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = Key(stateName, grainId),
            ConsistentRead = true,
        }).ConfigureAwait(false);

        if (response.Item is { Count: > 0 } item)
        {
            GrainStateReads.Found<T>(grainState, item[VersionAttribute].N, serializer.Deserialize<T>(new BinaryData(item[DataAttribute].B.ToArray())));
        }
        else
        {
            GrainStateReads.Missing(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var version = (expected is null ? 0 : ParseVersion(expected)) + 1;
        var key = GrainKey(stateName, grainId);
        var versionText = version.ToString(CultureInfo.InvariantCulture);

        var itemBytes = ItemBytes(key, versionText, data.Length);
        if (itemBytes > MaxItemBytes)
        {
            throw new GrainStateTooLargeException(
                $"State '{stateName}' of {grainId} in storage '{name}' is {itemBytes} bytes as a DynamoDB item, over the {MaxItemBytes}-byte item limit; it was not written.",
                itemBytes,
                MaxItemBytes);
        }

        var request = new PutItemRequest
        {
            TableName = Table,
            Item = new Dictionary<string, AttributeValue>
            {
                [GrainKeyAttribute] = new() { S = key },
                [VersionAttribute] = new() { N = versionText },
                [DataAttribute] = new() { B = new MemoryStream(data) },
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        (request.ConditionExpression, request.ExpressionAttributeNames, request.ExpressionAttributeValues) = Condition(expected);

        try
        {
            await client.PutItemAsync(request).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException error)
        {
            throw Inconsistent(stateName, grainId, expected, error, "written");
        }

        grainState.ETag = versionText;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag;
        var request = new DeleteItemRequest
        {
            TableName = Table,
            Key = Key(stateName, grainId),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        (request.ConditionExpression, request.ExpressionAttributeNames, request.ExpressionAttributeValues) = Condition(expected);

        try
        {
            await client.DeleteItemAsync(request).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException error)
        {
            throw Inconsistent(stateName, grainId, expected, error, "cleared");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>
    /// The item's size as DynamoDB counts it: attribute names and values in bytes (UTF-8 for strings, the digits for
    /// the number, which over-counts it slightly).
    /// </summary>
    private static long ItemBytes(string key, string version, int dataBytes) =>
        Encoding.UTF8.GetByteCount(GrainKeyAttribute) + Encoding.UTF8.GetByteCount(key)
        + Encoding.UTF8.GetByteCount(VersionAttribute) + version.Length + 1
        + Encoding.UTF8.GetByteCount(DataAttribute) + dataBytes;

    /// <summary>Without an ETag the item must not exist yet; with one its version must still be the one read.</summary>
    private static (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values) Condition(string? expected) =>
        expected is null
            ? ("attribute_not_exists(#key)", new() { ["#key"] = GrainKeyAttribute }, null)
            : ("#version = :expected",
                new() { ["#version"] = VersionAttribute },
                new() { [":expected"] = new AttributeValue { N = ParseVersion(expected).ToString(CultureInfo.InvariantCulture) } });

    private static long ParseVersion(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' is not a version written by this storage.", "(unknown)", etag);

    private InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? expected, ConditionalCheckFailedException error, string verb)
    {
        var stored = error.Item is { Count: > 0 } old && old.TryGetValue(VersionAttribute, out var value) ? value.N : "(none)";
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} in storage '{name}' was changed by someone else and was not {verb}; expected ETag {expected ?? "(none)"}, stored {stored}.",
            stored,
            expected ?? "(none)",
            error);
    }

    private string GrainKey(string stateName, GrainId grainId) => $"{name}/{stateName}/{grainId}";

    private Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) =>
        new() { [GrainKeyAttribute] = new() { S = GrainKey(stateName, grainId) } };
}
