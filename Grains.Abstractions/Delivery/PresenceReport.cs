namespace Chat.Grains.Abstractions.Delivery;

/// <summary>
/// A front silo's full account of who listens to one topic through it: the users of a room connected there, or, for
/// a user's own topic, that user when connected there. <see cref="Version"/> grows with every report a silo makes,
/// so a grain keeps the newest one whatever order reports arrive in.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.presence-report")]
public sealed record PresenceReport(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<string> Users)
{
    public static PresenceReport Empty(SiloAddress silo) => new(silo, 0, []);
}
