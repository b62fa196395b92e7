using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Api.Infrastructure;

/// <summary>Ready once this silo is an active member of its cluster.</summary>
public sealed class SiloReadyHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active; {active} active silo(s) in the cluster.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}, not yet an active cluster member."));
    }
}
