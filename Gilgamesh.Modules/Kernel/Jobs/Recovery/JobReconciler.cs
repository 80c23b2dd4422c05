using Dapper;
using Gilgamesh.Modules.Kernel.Budgets;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs.Recovery;

/// <summary>
/// This instance's heartbeat and the crash recovery that stands on it. At start: requeue (or, if cancel was asked,
/// cancel) this instance's own interrupted jobs at once. Then every heartbeat: renew budget leases, requeue the running
/// jobs of instances whose heartbeat stopped (<see cref="JobsOptions.InstanceTimeoutSeconds"/>), end this instance's
/// "running" rows that no worker here runs, hand queued rows without a Hangfire job to Hangfire, and relaunch queued
/// rows whose Hangfire job is gone — so <c>platform.jobs</c> never says running or queued about work nobody will do.
/// </summary>
internal sealed class JobReconciler(
    NpgsqlDataSource dataSource,
    InstanceIdentity instance,
    JobsOptions options,
    JobStore store,
    JobLauncher launcher,
    BudgetStore budgets,
    JobCancellationRegistry running,
    JobStorage hangfire,
    ILogger<JobReconciler> logger) : BackgroundService
{
    private const string HeartbeatSql = """
        insert into platform.instances (id, host, pid) values (@id, @host, @pid)
        on conflict (id) do update set heartbeat_at = now(), host = excluded.host, pid = excluded.pid;
        update platform.budget_leases set expires_at = now() + make_interval(secs => @ttl) where instance_id = @id;
        """;

    private const string ForgetOwnLeasesSql = "delete from platform.budget_leases where instance_id = @id";

    // Own jobs at start: nothing runs here yet, so every running row of this instance was interrupted.
    private const string OwnInterruptedSql = """
        update platform.jobs set status = 'queued', instance_id = null, stage = 'requeued after a restart', updated_at = now()
        where status = 'running' and instance_id = @id and not cancel_requested
        returning id
        """;

    private const string DeadInstancesJobsSql = """
        update platform.jobs j
        set status = 'queued', stage = 'requeued: instance ' || coalesce(j.instance_id, '?') || ' stopped', instance_id = null,
            updated_at = now()
        where j.status = 'running' and not j.is_pipeline and j.instance_id is distinct from @id and not j.cancel_requested
          and not exists (select 1 from platform.instances i
                          where i.id = j.instance_id and i.heartbeat_at > now() - make_interval(secs => @timeout))
        returning j.id
        """;

    // Orphans whose cancel was asked end as cancelled (through the store, so a step's pipeline moves on).
    private const string CancelledOrphansSql = """
        select j.id from platform.jobs j
        where j.status = 'running' and j.cancel_requested and not j.is_pipeline
          and (j.instance_id = @id and not (j.id = any(@runningHere))
               or not exists (select 1 from platform.instances i
                              where i.id = j.instance_id and i.heartbeat_at > now() - make_interval(secs => @timeout)))
        """;

    // Rows this instance says it runs, but no worker here does (a run that ended without recording it).
    private const string StrayOwnSql = """
        update platform.jobs set status = 'queued', instance_id = null, stage = 'requeued: its run ended unrecorded', updated_at = now()
        where status = 'running' and instance_id = @id and not cancel_requested and not (id = any(@runningHere))
          and updated_at < now() - make_interval(secs => @timeout)
        returning id
        """;

    private const string UnlaunchedSql = """
        select id from platform.jobs
        where status = 'queued' and hangfire_job_id is null and updated_at < now() - interval '5 seconds' limit 500
        """;

    private const string QueuedWithHangfireSql = """
        select id, hangfire_job_id from platform.jobs
        where status = 'queued' and hangfire_job_id is not null and updated_at < now() - make_interval(secs => @timeout)
        order by updated_at limit 200
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await HeartbeatAsync(stoppingToken);
            await budgets.EnsureConfiguredAsync(stoppingToken);
            await using (var connection = await dataSource.OpenConnectionAsync(stoppingToken))
            {
                await connection.ExecuteAsync(ForgetOwnLeasesSql, new { id = instance.Id });
                var own = (await connection.QueryAsync<Guid>(OwnInterruptedSql, new { id = instance.Id })).ToList();
                if (own.Count > 0) logger.LogWarning("Requeued {Count} jobs this instance ({Instance}) was running when it stopped", own.Count, instance.Id);
                await launcher.LaunchAsync(own);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Start-up job recovery failed; the periodic pass retries");
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.2, options.HeartbeatSeconds)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await HeartbeatAsync(stoppingToken);
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Job reconciliation pass failed");
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(HeartbeatSql, new
        {
            id = instance.Id, host = Environment.MachineName, pid = Environment.ProcessId, ttl = options.InstanceTimeoutSeconds,
        }, cancellationToken: ct));
    }

    internal async Task ReconcileAsync(CancellationToken ct)
    {
        var args = new { id = instance.Id, timeout = options.InstanceTimeoutSeconds, runningHere = running.RunningIds.ToArray() };
        List<Guid> requeued, cancelled, unlaunched;
        List<(Guid Id, string HangfireId)> queued;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            requeued = [.. await connection.QueryAsync<Guid>(DeadInstancesJobsSql, args)];
            requeued.AddRange(await connection.QueryAsync<Guid>(StrayOwnSql, args));
            cancelled = [.. await connection.QueryAsync<Guid>(CancelledOrphansSql, args)];
            unlaunched = [.. await connection.QueryAsync<Guid>(UnlaunchedSql)];
            queued = [.. await connection.QueryAsync<(Guid, string)>(QueuedWithHangfireSql, args)];
        }
        if (requeued.Count > 0) logger.LogWarning("Requeued {Count} jobs nobody was running", requeued.Count);
        foreach (var id in cancelled) await store.MarkCancelledAsync(id);
        await launcher.LaunchAsync([.. requeued, .. unlaunched, .. await LostInHangfireAsync(queued)]);
    }

    /// <summary>
    /// Queued rows whose Hangfire job ended, vanished (expired, succeeded as a no-op) or is stuck with a dead worker are launched afresh; deleted in
    /// Hangfire means cancelled by an operator, which the mirror filter normally records — this catches a miss.
    /// </summary>
    private async Task<List<Guid>> LostInHangfireAsync(List<(Guid Id, string HangfireId)> queued)
    {
        var lost = new List<Guid>();
        if (queued.Count == 0) return lost;
        var states = new List<(Guid Id, string? State)>();
        using (var connection = hangfire.GetConnection())
            foreach (var (id, hangfireId) in queued) states.Add((id, connection.GetStateData(hangfireId)?.Name));
        foreach (var (id, state) in states)
        {
            if (state == DeletedState.StateName) await store.MarkCancelledAsync(id);
            // Processing while the row still says queued (for longer than an instance's timeout): fetched by a worker
            // that died before it started the run; Hangfire would only hand it out again after its invisibility timeout.
            else if (state is null || state == SucceededState.StateName || state == ProcessingState.StateName) lost.Add(id);
        }
        return lost;
    }
}
