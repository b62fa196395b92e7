namespace Chat.Grains.Abstractions.Streams;

/// <summary>
/// A front silo's single subscription to one chat stream (a room's or a user's), placed on that silo, forwarding
/// the stream's events to the silo's local connections. Key: <c>{namespace}/{id}|{silo}</c>.
/// </summary>
[Alias("chat.stream-relay")]
public interface IStreamRelayGrain : IGrainWithStringKey
{
    /// <summary>Ensures exactly one subscription exists.</summary>
    [Alias("subscribe")]
    Task Subscribe();

    /// <summary>Drops the subscription (the silo's last local listener left).</summary>
    [Alias("unsubscribe")]
    Task Unsubscribe();

    [Alias("is-subscribed")]
    Task<bool> IsSubscribed();
}
