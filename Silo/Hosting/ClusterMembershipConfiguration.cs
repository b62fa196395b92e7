using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Chat.Silo.Hosting;

/// <summary>
/// Failure detection and clean-up of the cluster: Orleans' own <see cref="ClusterMembershipOptions"/>, set to the
/// chat's production defaults (<see cref="ApplyProductionDefaults"/>) and then bound from <c>Orleans:Membership</c>
/// (for example <c>Orleans:Membership:ProbeTimeout=00:00:02</c>), so a deployment can still override each value; and
/// how often each silo tells the others its load (<c>Orleans:LoadPublisher</c>, Orleans' default kept).
/// Every silo of a cluster should get the same values. docs/cluster.md gives the reasoning and the measurements.
/// </summary>
public static class ClusterMembershipConfiguration
{
    public const string Section = "Orleans:Membership";

    /// <summary>Where <see cref="DeploymentLoadPublisherOptions"/> is bound from.</summary>
    public const string LoadPublisherSection = "Orleans:LoadPublisher";

    /// <summary>
    /// Applies the production defaults and binds <see cref="ClusterMembershipOptions"/> to <see cref="Section"/>, and
    /// Orleans' load publishing options to <see cref="LoadPublisherSection"/>.
    /// </summary>
    public static ISiloBuilder BindClusterMembership(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(ApplyProductionDefaults)
            .BindConfiguration(Section);
        // Orleans' default (every second) is kept: a silo that just joined gets new grains only once the others have
        // its load, and with 5 s an autoscaled silo waited up to that long for its first rooms (docs/cluster.md).
        silo.Services.AddOptions<DeploymentLoadPublisherOptions>().BindConfiguration(LoadPublisherSection);
        return silo;
    }

    /// <summary>
    /// A dead or hung silo is declared dead in seconds instead of Orleans' tens of seconds, which users of a chat feel
    /// as a dead room: probes every second (Orleans adapts each probe's timeout between half and four times that to
    /// the response times it sees, and extends it while the prober itself is degraded), two missed probes (the second
    /// one indirect, through another silo, so a prober that is itself cut off does not vote) before a silo votes, two
    /// votes to declare death, and votes that expire after 30 s so old suspicions never add up to a death. The table is re-read every 10 s and heartbeats are
    /// written every 10 s; gossip spreads changes at once between these reads.
    /// </summary>
    public static void ApplyProductionDefaults(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }
}
