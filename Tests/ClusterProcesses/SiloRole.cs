namespace Chat.Tests.ClusterProcesses;

/// <summary>What a silo process runs: a front silo (<c>Api</c>: HTTP, hub and grains) or a back silo (<c>Silo</c>: grains only).</summary>
public enum SiloRole
{
    Front,
    Back,
}
