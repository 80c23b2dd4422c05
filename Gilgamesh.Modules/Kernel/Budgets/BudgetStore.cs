using Dapper;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Jobs.Recovery;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>
/// Leases in <c>platform.budget_leases</c>. A grant locks the budget's row, drops expired leases and counts the
/// rest in one transaction, so capacities hold across instances; leases live while their instance's heartbeat
/// renews them.
/// </summary>
internal sealed class BudgetStore(NpgsqlDataSource dataSource, BudgetOptions options, JobsOptions jobs, InstanceIdentity instance,
    JobMeters meters, TimeProvider time, ILogger<BudgetStore> logger) : IBudgets
{
    private const string EnsureSql = """
        insert into platform.budgets (name, capacity) values (@budget, @capacity)
        on conflict (name) do update set capacity = excluded.capacity where platform.budgets.capacity <> excluded.capacity
        """;

    // The lock is its own statement: the count after it then sees every lease committed while this one waited
    // (a statement's snapshot is taken when it starts, so a lock inside the same statement would count stale).
    private const string LockSql = "select capacity from platform.budgets where name = @budget for update";

    private const string TryGrantSql = """
        with expired as (delete from platform.budget_leases where budget = @budget and expires_at < now()),
        used as (select count(*) as n from platform.budget_leases where budget = @budget and expires_at >= now())
        insert into platform.budget_leases (id, budget, job_id, instance_id, expires_at)
        select @id, @budget, @jobId, @instance, now() + make_interval(secs => @ttl)
        from used where used.n < @capacity
        returning id
        """;

    private const string UseSql = """
        select b.name as budget, b.capacity,
               (select count(*) from platform.budget_leases l where l.budget = b.name and l.expires_at >= now())::int as in_use,
               (select count(*) from platform.jobs j where j.status = 'running' and j.stage = 'waiting for ' || b.name)::int as waiting
        from platform.budgets b order by b.name
        """;

    private readonly HashSet<string> _ensured = [];

    public async Task<BudgetLease?> AcquireAsync(string budget, Guid? jobId, TimeSpan? deadline, CancellationToken ct)
    {
        await EnsureAsync(budget, ct);
        var started = time.GetTimestamp();
        var id = Guid.CreateVersion7();
        while (true)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                var capacity = await connection.ExecuteScalarAsync<int>(new CommandDefinition(LockSql, new { budget }, tx, cancellationToken: ct));
                var granted = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(TryGrantSql, new
                {
                    id, budget, jobId, capacity, instance = instance.Id, ttl = jobs.InstanceTimeoutSeconds,
                }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                if (granted is not null)
                {
                    var waited = time.GetElapsedTime(started).TotalSeconds;
                    meters.Waited(budget, waited, true);
                    return new BudgetLease(id, budget, waited, ReleaseAsync);
                }
            }
            if (deadline is { } limit && time.GetElapsedTime(started) >= limit)
            {
                meters.Waited(budget, time.GetElapsedTime(started).TotalSeconds, false);
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), time, ct);
        }
    }

    public async Task<IReadOnlyList<BudgetUse>> GetUseAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<BudgetUse>(new CommandDefinition(UseSql, cancellationToken: ct))];
    }

    /// <summary>Writes the configured capacities (each instance at start; the last one started wins).</summary>
    public async Task EnsureConfiguredAsync(CancellationToken ct)
    {
        // The gpu budgets' default capacity comes from the NVIDIA driver when there is one; say where it came from.
        logger.LogInformation("NVENC session budgets: {Reason}", options.Nvenc.Reason);
        foreach (var name in options.Capacities.Keys.Append(BudgetNames.Cpu).Append(BudgetNames.Llm).Concat(options.Nvenc.Sessions.Keys).Distinct())
            await EnsureAsync(name, ct);
    }

    private async Task EnsureAsync(string budget, CancellationToken ct)
    {
        lock (_ensured) if (_ensured.Contains(budget)) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(EnsureSql, new { budget, capacity = options.CapacityOf(budget) }, cancellationToken: ct));
        lock (_ensured) _ensured.Add(budget);
    }

    private async Task ReleaseAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("delete from platform.budget_leases where id = @id", new { id });
    }
}
