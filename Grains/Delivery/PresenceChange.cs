namespace Chat.Grains.Delivery;

/// <summary>Users who came online in a topic and users who went offline, each sorted.</summary>
public sealed record PresenceChange(IReadOnlyList<string> CameOnline, IReadOnlyList<string> WentOffline)
{
    public static PresenceChange None { get; } = new([], []);
}
