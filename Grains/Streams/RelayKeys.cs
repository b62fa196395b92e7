namespace Chat.Grains.Streams;

/// <summary>
/// How relay grains are keyed: <c>{namespace}/{id}|{silo}</c>, the silo written as its parsable address
/// (address, port and generation, so a restarted silo is a new one).
/// </summary>
public static class RelayKeys
{
    public static string SiloName(SiloAddress silo) => silo.ToParsableString();

    public static string For(string streamNamespace, string id, SiloAddress silo) => $"{streamNamespace}/{id}|{SiloName(silo)}";

    public static SiloAddress? SiloOf(string key)
    {
        var separator = key.LastIndexOf('|');
        return separator < 0 ? null : SiloAddress.FromParsableString(key[(separator + 1)..]);
    }

    /// <summary>Splits a key into its stream namespace, stream id and silo name.</summary>
    public static (string Namespace, string Id, string Silo) Parse(string key)
    {
        var separator = key.LastIndexOf('|');
        var stream = key[..separator];
        var slash = stream.IndexOf('/', StringComparison.Ordinal);
        return (stream[..slash], stream[(slash + 1)..], key[(separator + 1)..]);
    }
}
