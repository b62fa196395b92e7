using Chat.Grains.Streams;

namespace Chat.Silo.Membership;

/// <summary>Answers from this silo's view of the cluster membership: a silo is alive unless it is known dead or unknown.</summary>
internal sealed class MembershipSiloLiveness(IClusterMembershipService membership) : ISiloLiveness
{
    public bool IsAlive(string silo)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(silo);
        }
        catch (FormatException)
        {
            return false;
        }

        var snapshot = membership.CurrentSnapshot;
        return snapshot.Members.TryGetValue(address, out var member) && member.Status is not (SiloStatus.Dead or SiloStatus.None);
    }
}
