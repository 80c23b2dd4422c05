using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>Readiness shows each budget's capacity, leases in use and jobs waiting; always healthy (waiting is normal).</summary>
internal sealed class BudgetsHealthCheck(IBudgets budgets, BudgetOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var use = await budgets.GetUseAsync(cancellationToken);
        var data = use.ToDictionary(u => u.Budget, u => (object)new { u.Capacity, u.InUse, u.Waiting });
        data["nvenc"] = options.Nvenc.Reason; // where the gpu budgets' default capacity came from
        return HealthCheckResult.Healthy(
            string.Join(", ", use.Select(u => $"{u.Budget} {u.InUse}/{u.Capacity}{(u.Waiting > 0 ? $" ({u.Waiting} waiting)" : "")}")) +
            $"; {options.Nvenc.Reason}",
            data);
    }
}
