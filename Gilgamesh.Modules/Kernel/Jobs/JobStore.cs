using System.Text.Json;
using Dapper;
using Gilgamesh.Modules.Kernel.Pipelines;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Reads and writes <c>platform.jobs</c>. Status changes are announced by the table's NOTIFY trigger.</summary>
public sealed class JobStore(NpgsqlDataSource dataSource, JobLauncher launcher)
{
    private const string Columns = """
        id, module, kind, owner_id, input, queue, status, stage, percent, eta_seconds, error_code, error_message,
        result, hangfire_job_id, attempts, cancel_requested, created_at, started_at, finished_at, updated_at,
        title, subject_href, parent_id, step_name, is_pipeline, optional, weight, pending_deps, fan_group, instance_id,
        (select u.user_name from platform.users u where u.id::text = platform.jobs.owner_id) as owner_name
        """;

    private const string InsertSql = $"""
        insert into platform.jobs (id, module, kind, owner_id, input, queue, title, subject_href)
        values (@Id, @Module, @Kind, @OwnerId, @Input::jsonb, @Queue, @Title, @SubjectHref)
        returning {Columns}
        """;

    private const string SelectByIdSql = $"select {Columns} from platform.jobs where id = @id";

    private const string SelectLogsSql = """
        select at, level, message from (
            select id, at, level, message from platform.job_logs where job_id = @id order by id desc limit @limit
        ) recent order by id
        """;

    private const string ListSql = $"""
        select {Columns} from platform.jobs
        where (@module::text is null or module = @module) and (@status::text is null or status = @status)
          and (@owner::text is null or owner_id = @owner) and parent_id is null
        order by created_at desc, id desc limit @limit offset @offset;
        select count(*) from platform.jobs
        where (@module::text is null or module = @module) and (@status::text is null or status = @status)
          and (@owner::text is null or owner_id = @owner) and parent_id is null;
        """;

    /// <summary>A run may start when the job is queued, or running on an instance that died (re-run).</summary>
    private const string StartSql = $"""
        update platform.jobs
        set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
            stage = coalesce(stage, 'starting'), error_code = null, error_message = null, updated_at = now(),
            instance_id = @instance
        where id = @id and not cancel_requested and not is_pipeline
          and (status = 'queued' or (status = 'running' and (instance_id is null or not exists (
                select 1 from platform.instances i
                where i.id = platform.jobs.instance_id and i.heartbeat_at > now() - make_interval(secs => @timeout)))))
        returning {Columns}
        """;

    private const string SucceedSql = """
        update platform.jobs
        set status = 'succeeded', percent = 100, eta_seconds = 0, stage = 'done', result = @result::jsonb,
            finished_at = now(), updated_at = now(), instance_id = null
        where id = @id and status = 'running'
        """;

    // A transient failure leaves the row queued: Hangfire either schedules a retry (the mirror filter then names
    // the time in the stage) or, past the configured attempts, fails it (the mirror filter marks it failed).
    private const string RecordErrorSql = """
        update platform.jobs
        set error_code = @code, error_message = @message, updated_at = now(),
            status = case when @permanent then 'failed' else 'queued' end, instance_id = null,
            finished_at = case when @permanent then now() else finished_at end
        where id = @id and status = 'running'
        """;

    private const string CancelledSql = """
        update platform.jobs
        set status = 'cancelled', stage = 'cancelled', eta_seconds = null, finished_at = now(), updated_at = now(),
            instance_id = null
        where id = @id and status in ('pending', 'queued', 'running') and not is_pipeline
        """;

    private const string RequestCancelSql = $"""
        update platform.jobs set cancel_requested = true, updated_at = now()
        where id = @id and status in ('queued', 'running')
        returning {Columns}
        """;

    private const string ResetForRetrySql = $"""
        update platform.jobs
        set status = case when parent_id is null then 'queued' else 'pending' end, stage = null, percent = 0,
            eta_seconds = null, error_code = null, error_message = null,
            result = null, cancel_requested = false, finished_at = null, updated_at = now()
        where id = @id and status in ('failed', 'cancelled') and not is_pipeline
        returning {Columns}
        """;

    private const string RequeuedByHangfireSql = """
        update platform.jobs
        set status = 'queued', stage = @stage, percent = case when status = 'succeeded' then 0 else percent end,
            cancel_requested = false, finished_at = null, updated_at = now()
        where id = @id and status <> 'running' and not is_pipeline and not (parent_id is not null and status = 'succeeded')
        returning parent_id
        """;

    private const string InterruptedSql = """
        update platform.jobs set status = 'queued', stage = @stage, updated_at = now(), instance_id = null
        where id = @id and status = 'running'
        """;

    private const string FailedByHangfireSql = """
        update platform.jobs
        set status = 'failed', finished_at = now(), updated_at = now(), instance_id = null,
            error_code = coalesce(error_code, @code), error_message = coalesce(error_message, @message)
        where id = @id and status in ('queued', 'running') and not is_pipeline
        """;

    public async Task<JobRecord> InsertAsync(Guid id, JobKind kind, object? input, JobOptions options, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<JobRecord>(new CommandDefinition(InsertSql, new
        {
            Id = id, kind.Module, Kind = kind.Name, options.OwnerId, Queue = options.Queue ?? kind.Queue,
            options.Title, options.SubjectHref, Input = JsonSerializer.Serialize(input ?? new { }, JobJson.Options),
        }, cancellationToken: ct));
    }

    public Task SetHangfireJobIdAsync(Guid id, string hangfireJobId) =>
        ExecuteAsync("update platform.jobs set hangfire_job_id = @hangfireJobId where id = @id", new { id, hangfireJobId });

    public async Task<JobRecord?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JobRecord>(new CommandDefinition(SelectByIdSql, new { id }, cancellationToken: ct));
    }

    public async Task<JobDetail?> GetDetailAsync(Guid id, int logLimit, CancellationToken ct)
    {
        // One round trip for the row and its recent log lines: this is the dashboard's most frequent call.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            SelectByIdSql + ";\n" + SelectLogsSql, new { id, limit = logLimit }, cancellationToken: ct));
        var job = await grid.ReadSingleOrDefaultAsync<JobRecord>();
        if (job is null) return null;
        var logs = await grid.ReadAsync<JobLogLine>();
        return new JobDetail(job, logs.ToList());
    }

    public async Task<JobPage> ListAsync(string? module, string? status, string? ownerId, int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(ListSql, new
        {
            module, status, owner = ownerId, limit = pageSize, offset = (page - 1) * pageSize,
        }, cancellationToken: ct));
        var items = (await grid.ReadAsync<JobRecord>()).ToList();
        var total = await grid.ReadSingleAsync<long>();
        return new JobPage(items, page, pageSize, total);
    }

    /// <summary>Starts a run: from queued, or from running when the instance that ran it is gone (no heartbeat for <paramref name="deadAfter"/>).</summary>
    public async Task<JobRecord?> TryStartAsync(Guid id, string instance, TimeSpan deadAfter, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JobRecord>(new CommandDefinition(StartSql,
            new { id, instance, timeout = deadAfter.TotalSeconds }, cancellationToken: ct));
    }

    public Task SucceedAsync(Guid id, object? result) =>
        TransitionAsync(id, SucceedSql, new { id, result = result is null ? null : JsonSerializer.Serialize(result, JobJson.Options) });

    public Task RecordErrorAsync(Guid id, string code, string message, bool permanent) =>
        TransitionAsync(id, RecordErrorSql, new { id, code, message, permanent });

    public Task MarkCancelledAsync(Guid id) => TransitionAsync(id, CancelledSql, new { id });

    /// <summary>Running on an instance whose heartbeat stopped (or on none): nobody runs it.</summary>
    public async Task<bool> IsOrphanAsync(Guid id, TimeSpan deadAfter, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from platform.jobs j where j.id = @id and j.status = 'running' and not j.is_pipeline
                and not exists (select 1 from platform.instances i
                                where i.id = j.instance_id and i.heartbeat_at > now() - make_interval(secs => @timeout)))
            """, new { id, timeout = deadAfter.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>Runs a status change; for a pipeline step, in one transaction with what it means for the pipeline.</summary>
    private async Task TransitionAsync(Guid id, string sql, object args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var parent = await connection.ExecuteScalarAsync<Guid?>("select parent_id from platform.jobs where id = @id", new { id });
        if (parent is null)
        {
            await connection.ExecuteAsync(sql, args);
            return;
        }
        IReadOnlyList<Guid> released;
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await PipelineSql.LockAsync(connection, tx, parent.Value);
            released = await connection.ExecuteAsync(sql, args, tx) > 0
                ? await PipelineSql.SettleAsync(connection, tx, parent.Value, id)
                : [];
            await tx.CommitAsync();
        }
        await launcher.LaunchAsync(released);
    }

    public async Task<JobRecord?> RequestCancelAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var job = await connection.QuerySingleOrDefaultAsync<JobRecord>(new CommandDefinition(RequestCancelSql, new { id }, cancellationToken: ct));
        if (job is not null)
            await connection.ExecuteAsync(new CommandDefinition("select pg_notify('gilgamesh_job_cancel', @id)", new { id = id.ToString() }, cancellationToken: ct));
        return job;
    }

    public async Task<JobRecord?> ResetForRetryAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JobRecord>(new CommandDefinition(ResetForRetrySql, new { id }, cancellationToken: ct));
    }

    /// <summary>Hangfire queued the job again (console Requeue, an automatic retry); a step's pipeline runs again too.</summary>
    public async Task MarkRequeuedAsync(Guid id, string? stage)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var parent = await connection.ExecuteScalarAsync<Guid?>("select parent_id from platform.jobs where id = @id", new { id }, tx);
        if (parent is not null) await PipelineSql.LockAsync(connection, tx, parent.Value);
        var changed = await connection.QueryAsync<Guid?>(RequeuedByHangfireSql, new { id, stage }, tx);
        if (parent is not null && changed.Any()) await PipelineStore.ResumeAsync(connection, tx, parent.Value);
        await tx.CommitAsync();
    }

    /// <summary>A run stopped by the server shutting down: queued again, so it shows as waiting until an instance picks it up.</summary>
    public Task MarkInterruptedAsync(Guid id, string stage) => ExecuteAsync(InterruptedSql, new { id, stage });

    public Task MarkFailedAsync(Guid id, string code, string? message) => TransitionAsync(id, FailedByHangfireSql, new { id, code, message });

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, args);
    }
}
