namespace Chat.Grains.Delivery;

/// <summary>
/// This silo's view of cluster membership, for grains: which silos may hold connections (so an activating grain knows
/// whom to ask) and whether one is still alive (so grains forget what dead silos reported).
/// </summary>
public interface ISiloLiveness
{
    bool IsAlive(SiloAddress silo);

    /// <summary>Every silo that is an active member now.</summary>
    IReadOnlyList<SiloAddress> ActiveSilos();
}
