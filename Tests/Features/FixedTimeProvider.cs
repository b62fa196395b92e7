namespace Chat.Tests.Features;

/// <summary>A clock that always says the same UTC time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
