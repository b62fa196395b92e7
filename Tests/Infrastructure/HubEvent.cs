namespace Chat.Tests.Infrastructure;

/// <summary>A server → client call a <see cref="HubClient"/> received, with its arguments.</summary>
public sealed record HubEvent(string Name, object?[] Args)
{
    public T Arg<T>(int index) => (T)Args[index]!;
}
