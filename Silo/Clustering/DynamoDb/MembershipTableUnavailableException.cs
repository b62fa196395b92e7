namespace Chat.Silo.Clustering.DynamoDb;

/// <summary>
/// The membership table could not give a consistent answer within its retries (it kept changing during a read, or a
/// read or heartbeat kept meeting a conflicting transaction). Transient: the membership protocol tries again later.
/// </summary>
public sealed class MembershipTableUnavailableException : Exception
{
    public MembershipTableUnavailableException()
    {
    }

    public MembershipTableUnavailableException(string message)
        : base(message)
    {
    }

    public MembershipTableUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
