using Chat.Grains.Delivery;

namespace Chat.Silo.Membership;

/// <summary>Answers from this silo's view of the cluster membership: a silo is alive unless it is known dead or unknown.</summary>
internal sealed class MembershipSiloLiveness(IClusterMembershipService membership) : ISiloLiveness
{
    public bool IsAlive(SiloAddress silo) =>
        membership.CurrentSnapshot.Members.TryGetValue(silo, out var member) && member.Status is not (SiloStatus.Dead or SiloStatus.None);

    public IReadOnlyList<SiloAddress> ActiveSilos() =>
        [.. membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];
}
