using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace RelevanceRelated.Hosting;

/// <summary>Healthy once this silo is an Active member of its cluster; used by readiness probes.</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        var description = $"silo {localSilo.SiloAddress} is {status}";
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(description));
    }
}
