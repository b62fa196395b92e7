namespace Chat.Grains.Streams;

/// <summary>Whether a silo (named as in relay keys) is still a live cluster member: grains use it to forget what dead silos reported.</summary>
public interface ISiloLiveness
{
    bool IsAlive(string silo);
}
