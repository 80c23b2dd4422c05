namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>
/// Shared, named capacities (CPU media slots, GPU encoder sessions, LLM calls, fetches per host) held as
/// leases in PostgreSQL, so they count across instances and expire when an instance dies. Jobs usually
/// acquire through <see cref="Jobs.JobContext.AcquireAsync"/>, which also shows "waiting for gpu0" as the
/// job's stage while it waits.
/// </summary>
public interface IBudgets
{
    /// <summary>
    /// Waits for a lease of <paramref name="budget"/> (capacity 1 unit per lease). Returns null when none was
    /// free within <paramref name="deadline"/> (null = wait as long as it takes) so the caller can fall back.
    /// </summary>
    Task<BudgetLease?> AcquireAsync(string budget, Guid? jobId, TimeSpan? deadline, CancellationToken ct);

    /// <summary>Each budget's capacity and leases in use right now (readiness and <c>/metrics</c>).</summary>
    Task<IReadOnlyList<BudgetUse>> GetUseAsync(CancellationToken ct);
}

public sealed record BudgetUse(string Budget, int Capacity, int InUse, int Waiting);
