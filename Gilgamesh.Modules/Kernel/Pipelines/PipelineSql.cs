using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Pipelines;

/// <summary>
/// The statements that move a pipeline forward. Every caller holds the pipeline row's lock
/// (<see cref="LockAsync"/>) in the same transaction, so a pipeline's transitions are serialised in
/// PostgreSQL — across threads and instances — and fan-in is decided exactly once.
/// </summary>
internal static class PipelineSql
{
    private const string LockSql = "select status from platform.jobs where id = @pipeline for update";

    // An edge is settled once; the dependents' counts drop by the edges settled now, never twice for one edge.
    private const string SettleEdgesSql = """
        with settled as (
            update platform.job_edges set settled = true
            where from_job = @step and not settled
            returning to_job
        )
        update platform.jobs j set pending_deps = j.pending_deps - 1, updated_at = now()
        from settled s where j.id = s.to_job
        """;

    private const string StepSql = """
        select status, optional, error_code, error_message, step_name from platform.jobs where id = @step
        """;

    private const string FailPipelineSql = """
        update platform.jobs
        set status = 'failed', error_code = @code, error_message = @message, stage = 'failed',
            eta_seconds = null, finished_at = now(), updated_at = now()
        where id = @pipeline and status = 'running' and not cancel_requested
        """;

    // Ready steps (no unsettled dependency) start, at most fan_limit at once per fan-out group, only while the
    // pipeline runs. Ordered by creation so a fan-out starts in list order.
    private const string ReleaseSql = """
        with ready as (
            select j.id, j.fan_group, j.fan_limit,
                   row_number() over (partition by j.fan_group order by j.created_at, j.id) as rn
            from platform.jobs j
            where j.parent_id = @pipeline and j.status = 'pending' and j.pending_deps = 0
              and exists (select 1 from platform.jobs p where p.id = @pipeline and p.status = 'running' and not p.cancel_requested)
        ), busy as (
            select fan_group, count(*) as n from platform.jobs
            where parent_id = @pipeline and fan_group is not null and status in ('queued', 'running')
            group by fan_group
        )
        update platform.jobs j set status = 'queued', stage = null, updated_at = now()
        from ready r left join busy b on b.fan_group = r.fan_group
        where j.id = r.id and (r.fan_group is null or r.rn <= r.fan_limit - coalesce(b.n, 0))
        returning j.id
        """;

    private const string FinishSql = """
        with counts as (
            select count(*) filter (where status not in ('succeeded', 'failed', 'cancelled')) as open,
                   count(*) filter (where not optional and status <> 'succeeded') as bad
            from platform.jobs where parent_id = @pipeline
        )
        update platform.jobs p
        set status = case when p.cancel_requested then 'cancelled' else 'succeeded' end,
            stage = case when p.cancel_requested then 'cancelled' else 'done' end,
            percent = case when p.cancel_requested then p.percent else 100 end,
            eta_seconds = case when p.cancel_requested then null else 0 end,
            finished_at = now(), updated_at = now()
        from counts c
        where p.id = @pipeline and p.status = 'running' and c.open = 0 and (c.bad = 0 or p.cancel_requested)
        """;

    /// <summary>The pipeline's percent: its steps' progress weighted by their weights (a finished step counts full).</summary>
    public const string RollUpSql = """
        update platform.jobs p set percent = r.percent, updated_at = now()
        from (
            select sum(weight * case when status in ('succeeded', 'failed', 'cancelled') then 100 else percent end)
                   / nullif(sum(weight), 0) as percent
            from platform.jobs where parent_id = @pipeline
        ) r
        where p.id = @pipeline and p.status = 'running' and r.percent is not null and abs(p.percent - r.percent) >= 0.05
        """;

    public static Task<string?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid pipeline) =>
        connection.ExecuteScalarAsync<string?>(LockSql, new { pipeline }, tx);

    /// <summary>
    /// After a step reached a final state: settles its edges when that lets dependents go on (success, or
    /// failure of an optional step), fails the pipeline on a required step's failure, releases what is ready
    /// and finishes the pipeline when nothing is left. Returns the steps to hand to Hangfire after commit.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SettleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid pipeline, Guid step)
    {
        var row = await connection.QuerySingleAsync<(string Status, bool Optional, string? Code, string? Message, string? Name)>(StepSql, new { step }, tx);
        if (row.Status == Jobs.JobStatus.Succeeded || (row.Optional && row.Status is Jobs.JobStatus.Failed or Jobs.JobStatus.Cancelled))
            await connection.ExecuteAsync(SettleEdgesSql, new { step }, tx);
        else if (row.Status is Jobs.JobStatus.Failed or Jobs.JobStatus.Cancelled)
            await connection.ExecuteAsync(FailPipelineSql, new
            {
                pipeline,
                code = row.Code ?? (row.Status == Jobs.JobStatus.Cancelled ? "job.cancelled" : Errors.ErrorCodes.Internal),
                message = $"step {row.Name}: {row.Message ?? row.Status}",
            }, tx);
        return await AdvanceAsync(connection, tx, pipeline);
    }

    /// <summary>Releases ready steps, finishes the pipeline when all is done, and rolls its percent up.</summary>
    public static async Task<IReadOnlyList<Guid>> AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid pipeline)
    {
        var released = (await connection.QueryAsync<Guid>(ReleaseSql, new { pipeline }, tx)).ToList();
        await connection.ExecuteAsync(RollUpSql, new { pipeline }, tx);
        await connection.ExecuteAsync(FinishSql, new { pipeline }, tx);
        return released;
    }
}
