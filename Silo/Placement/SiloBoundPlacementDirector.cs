using Chat.Grains.Delivery;
using Orleans.Runtime.Placement;

namespace Chat.Silo.Placement;

/// <summary>Places a <see cref="SiloBoundPlacement"/> grain on the silo its key names, or locally when that silo is not active.</summary>
internal sealed class SiloBoundPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var home = SiloKeys.SiloOf(key);
        return Task.FromResult(home is not null && compatible.Contains(home) ? home : context.LocalSilo);
    }
}
