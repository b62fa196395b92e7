namespace Chat.Grains.Abstractions.Streams;

/// <summary>
/// A front silo's single subscription to one room's stream (key: <c>{roomId}|{silo}</c>, placed on that silo).
/// It forwards the room's events to the silo's local connections.
/// </summary>
[Alias("chat.room-relay")]
public interface IRoomRelayGrain : IGrainWithStringKey
{
    /// <summary>Ensures exactly one subscription exists.</summary>
    [Alias("subscribe")]
    Task Subscribe();

    /// <summary>Drops the subscription (the silo's last local connection left the room).</summary>
    [Alias("unsubscribe")]
    Task Unsubscribe();

    [Alias("is-subscribed")]
    Task<bool> IsSubscribed();
}
