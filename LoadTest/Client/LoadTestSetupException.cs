namespace Chat.LoadTest.Client;

/// <summary>The run could not be set up (registration, rooms, connections); the message says what to change.</summary>
public sealed class LoadTestSetupException : Exception
{
    public LoadTestSetupException()
    {
    }

    public LoadTestSetupException(string message)
        : base(message)
    {
    }

    public LoadTestSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
