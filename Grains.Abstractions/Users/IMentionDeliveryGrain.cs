using Orleans.Concurrency;

namespace Chat.Grains.Abstractions.Users;

/// <summary>Delivers a message's mentions (inbox, live push, e-mail when offline, room notice) off the room's hot path.</summary>
[Alias("chat.mention-delivery")]
public interface IMentionDeliveryGrain : IGrainWithIntegerKey
{
    [Alias("deliver"), OneWay]
    Task DeliverAsync(MentionDraft mention, IReadOnlyList<string> userNames);
}
