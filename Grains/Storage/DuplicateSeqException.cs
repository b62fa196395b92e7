namespace Chat.Grains.Storage;

/// <summary>An append met a seq that is already stored; nothing of the batch was written.</summary>
public sealed class DuplicateSeqException : Exception
{
    public DuplicateSeqException()
    {
    }

    public DuplicateSeqException(string message)
        : base(message)
    {
    }

    public DuplicateSeqException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
