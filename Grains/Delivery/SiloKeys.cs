namespace Chat.Grains.Delivery;

/// <summary>
/// How silo-bound grains are keyed: <c>{name}|{silo}</c>, the silo written as its parsable address (address, port
/// and generation, so a restarted silo is a new one). <see cref="SiloBoundPlacement"/> reads the silo back.
/// </summary>
public static class SiloKeys
{
    /// <summary>The key of a silo's <see cref="Abstractions.Delivery.ISiloConnectionsGrain"/>.</summary>
    public static string Connections(SiloAddress silo) => $"connections|{silo.ToParsableString()}";

    /// <summary>The silo a key names, or null when it names none.</summary>
    public static SiloAddress? SiloOf(string key)
    {
        var separator = key.LastIndexOf('|');
        if (separator < 0)
        {
            return null;
        }

        try
        {
            return SiloAddress.FromParsableString(key[(separator + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
