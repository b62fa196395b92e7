using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Chat.Silo.Hosting;

/// <summary>
/// Failure detection and clean-up of the cluster: Orleans' own <see cref="ClusterMembershipOptions"/>, bound from
/// <c>Orleans:Membership</c> (for example <c>Orleans:Membership:ProbeTimeout=00:00:02</c>,
/// <c>Orleans:Membership:NumMissedProbesLimit=2</c>, <c>Orleans:Membership:DefunctSiloExpiration=1.00:00:00</c>).
/// With nothing set, Orleans' defaults hold; they suit production. Every silo of a cluster should get the same values.
/// </summary>
public static class ClusterMembershipConfiguration
{
    public const string Section = "Orleans:Membership";

    /// <summary>Binds <see cref="ClusterMembershipOptions"/> to <see cref="Section"/>.</summary>
    public static ISiloBuilder BindClusterMembership(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(Section);
        return silo;
    }
}
