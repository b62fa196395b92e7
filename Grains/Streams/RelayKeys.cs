namespace Chat.Grains.Streams;

/// <summary>How relay grains are keyed: <c>{roomId}|{silo}</c>, the silo written as its parsable address (address, port and generation).</summary>
public static class RelayKeys
{
    public static string SiloName(SiloAddress silo) => silo.ToParsableString();

    public static string For(string roomId, SiloAddress silo) => $"{roomId}|{SiloName(silo)}";

    public static SiloAddress? SiloOf(string key)
    {
        var separator = key.LastIndexOf('|');
        return separator < 0 ? null : SiloAddress.FromParsableString(key[(separator + 1)..]);
    }
}
