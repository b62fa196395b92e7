using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>Where the cluster keeps membership, grain state, message history and the room directory in DynamoDB, bound from <c>Chat:DynamoDb</c>.</summary>
public sealed class DynamoDbOptions
{
    public const string Section = "Chat:DynamoDb";

    /// <summary>
    /// Endpoint of a local DynamoDB (DynamoDB Local), e.g. <c>http://127.0.0.1:8000</c>. When set, the client talks to it with
    /// dummy credentials; leave empty in AWS, where the SDK's default credential chain (the instance role) is used.
    /// </summary>
    [Url]
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region of the tables; with <see cref="ServiceUrl"/> it is only the region requests are signed for.</summary>
    [Required, RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Prefix put before every table name, so several deployments can share one account.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{0,64}$")]
    public string TablePrefix { get; set; } = "chat-";

    /// <summary>Table of cluster membership (partition: cluster id, sort: silo address or the version row).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{3,128}$")]
    public string MembershipTable { get; set; } = "membership";

    /// <summary>Table of grain state (key: provider, state name and grain id).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{3,128}$")]
    public string GrainStateTable { get; set; } = "grain-state";

    /// <summary>Table of message history (partition: room id, sort: seq).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{3,128}$")]
    public string MessagesTable { get; set; } = "messages";

    /// <summary>Table of the room directory (partition: room or listing shard, sort: listing key; see <c>DynamoDbRoomDirectory</c>).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{3,128}$")]
    public string RoomDirectoryTable { get; set; } = "room-directory";

    /// <summary>
    /// Create missing tables (on-demand capacity) when the silo starts and wait until they are active.
    /// For development and tests only: in AWS the tables come from the CloudFormation stack.
    /// </summary>
    public bool CreateTables { get; set; }

    /// <summary>
    /// Message appends under way at once from this silo, each one TransactWriteItems. Appends that rooms make while
    /// all are busy wait and go together in the next one (up to 100 messages), so a loaded silo makes fewer and
    /// larger requests; below this many at once every append is written immediately.
    /// </summary>
    [Range(1, 64)]
    public int MaxAppendTransactions { get; set; } = 2;

    /// <summary>Full name of the membership table.</summary>
    public string MembershipTableName => TablePrefix + MembershipTable;

    /// <summary>Full name of the grain state table.</summary>
    public string GrainStateTableName => TablePrefix + GrainStateTable;

    /// <summary>Full name of the message table.</summary>
    public string MessagesTableName => TablePrefix + MessagesTable;

    /// <summary>Full name of the room directory table.</summary>
    public string RoomDirectoryTableName => TablePrefix + RoomDirectoryTable;
}
