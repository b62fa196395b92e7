namespace Chat.Silo.Storage.DynamoDb;

/// <summary>A grain's serialized state does not fit in one DynamoDB item; nothing was written.</summary>
public sealed class GrainStateTooLargeException : Exception
{
    public GrainStateTooLargeException()
    {
    }

    public GrainStateTooLargeException(string message)
        : base(message)
    {
    }

    public GrainStateTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainStateTooLargeException(string message, long itemBytes, long limitBytes)
        : base(message)
    {
        ItemBytes = itemBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>Size the item would have had, in bytes as DynamoDB counts them.</summary>
    public long ItemBytes { get; }

    /// <summary>DynamoDB's item size limit, in bytes.</summary>
    public long LimitBytes { get; }
}
