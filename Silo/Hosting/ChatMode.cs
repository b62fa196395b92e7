namespace Chat.Silo.Hosting;

/// <summary>How a silo finds its cluster and where it keeps its data.</summary>
public enum ChatMode
{
    /// <summary>One process on a laptop: localhost clustering and the embedded SQLite store.</summary>
    Embedded,

    /// <summary>A real cluster: DynamoDB membership, DynamoDB grain state and the DynamoDB message log.</summary>
    Cluster,
}
