using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>Always healthy (the platform works without a model); readiness shows whether one is configured and which.</summary>
internal sealed class ModelHealthCheck(IOptions<ModelOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        return Task.FromResult(o.IsConfigured
            ? HealthCheckResult.Healthy($"model {o.Model} at {new Uri(o.Endpoint!).GetLeftPart(UriPartial.Authority)}",
                new Dictionary<string, object> { ["configured"] = true, ["model"] = o.Model! })
            : HealthCheckResult.Healthy("not configured: callers use their local analysis",
                new Dictionary<string, object> { ["configured"] = false }));
    }
}
