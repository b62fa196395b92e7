namespace Chat.Tests.Infrastructure;

/// <summary>The system clock, counting how often it is read: a room reads it once per message it numbers.</summary>
public sealed class CountingTimeProvider : TimeProvider
{
    private static long _reads;

    public static long Reads => Interlocked.Read(ref _reads);

    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Increment(ref _reads);
        return System.GetUtcNow();
    }
}
