using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Ready only when this process's Hangfire servers are registered and heartbeating.</summary>
internal sealed class HangfireServerHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var prefix = $"{Environment.MachineName}:{Environment.ProcessId}:".ToLowerInvariant();
            var ours = storage.GetMonitoringApi().Servers()
                .Where(s => s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < TimeSpan.FromMinutes(1))
                .ToList();
            return Task.FromResult(ours.Count == 0
                ? HealthCheckResult.Unhealthy("No Hangfire server of this instance is heartbeating yet")
                : HealthCheckResult.Healthy($"{ours.Count} Hangfire servers, queues {string.Join(",", ours.SelectMany(s => s.Queues).Distinct())}"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage is not reachable", e));
        }
    }
}
