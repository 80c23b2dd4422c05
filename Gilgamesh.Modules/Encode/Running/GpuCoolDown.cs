using Gilgamesh.Modules.Kernel.Budgets;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// The circuit breaker of the GPU: after an NVENC encode fails mid-job (session exhaustion, driver error) the device
/// cools down for <see cref="Period"/> and every file goes to the CPU meanwhile. The sessions themselves are the
/// kernel's budget leases (<see cref="Device"/>, capacity <c>Budgets:Capacities:gpu0</c> or <c>Budgets:GpuSessions</c>),
/// so they count across instances; the cool-down is this instance's (it saw the failure).
/// </summary>
internal sealed class GpuCoolDown(TimeProvider time)
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    /// <summary>The one device the module encodes on (several devices would each be a budget <c>gpuN</c>).</summary>
    public static readonly string Device = BudgetNames.Gpu(0);

    private readonly object _gate = new();
    private DateTimeOffset? _coolingUntil;
    private string? _lastFailure;

    /// <summary>Why the GPU may not be used now, or null.</summary>
    public string? Refusal()
    {
        lock (_gate)
            return _coolingUntil is { } until && time.GetUtcNow() < until ? $"GPU cooling down until {until:HH:mm:ss} after: {_lastFailure}" : null;
    }

    public void Failed(string why)
    {
        lock (_gate)
        {
            _coolingUntil = time.GetUtcNow() + Period;
            _lastFailure = why;
        }
    }

    /// <summary>The device's leases (from the kernel's budgets) with this instance's cool-down.</summary>
    public async Task<GpuState> StateAsync(IBudgets budgets, BudgetOptions options, CancellationToken ct)
    {
        var use = (await budgets.GetUseAsync(ct)).FirstOrDefault(u => u.Budget == Device);
        lock (_gate)
            return new GpuState(Device, use?.InUse ?? 0, use?.Capacity ?? options.CapacityOf(Device),
                _coolingUntil is { } u && time.GetUtcNow() < u ? u : null, _lastFailure);
    }
}

internal sealed record GpuState(string Device, int Leased, int Budget, DateTimeOffset? CoolingUntil, string? LastFailure);
