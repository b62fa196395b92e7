namespace Chat.Tests.ClusterProcesses;

/// <summary>Which membership settings the silos of a <see cref="ProcessCluster"/> run with.</summary>
public enum ClusterMembership
{
    /// <summary><see cref="ProcessCluster.FastFailureDetection"/>: eager detection, dead rows forgotten in seconds.</summary>
    Eager,

    /// <summary>No <c>Orleans:Membership</c> settings: the silos' production defaults, as <c>scripts/cluster.sh</c> and EC2 run them.</summary>
    Production,
}
