using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Reads and writes <c>platform.jobs</c>. Status changes are announced by the table's NOTIFY trigger.</summary>
public sealed class JobStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, module, kind, owner_id, input, queue, status, stage, percent, eta_seconds, error_code, error_message,
        result, hangfire_job_id, attempts, cancel_requested, created_at, started_at, finished_at, updated_at
        """;

    private const string InsertSql = $"""
        insert into platform.jobs (id, module, kind, owner_id, input, queue)
        values (@Id, @Module, @Kind, @OwnerId, @Input::jsonb, @Queue)
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
          and (@owner::text is null or owner_id = @owner)
        order by created_at desc, id desc limit @limit offset @offset;
        select count(*) from platform.jobs
        where (@module::text is null or module = @module) and (@status::text is null or status = @status)
          and (@owner::text is null or owner_id = @owner);
        """;

    /// <summary>A run may start when the job is queued, or running on an instance that died (re-run).</summary>
    private const string StartSql = $"""
        update platform.jobs
        set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
            stage = coalesce(stage, 'starting'), error_code = null, error_message = null, updated_at = now()
        where id = @id and status in ('queued', 'running') and not cancel_requested
        returning {Columns}
        """;

    private const string SucceedSql = """
        update platform.jobs
        set status = 'succeeded', percent = 100, eta_seconds = 0, stage = 'done', result = @result::jsonb,
            finished_at = now(), updated_at = now()
        where id = @id and status = 'running'
        """;

    // A transient failure leaves the row queued: Hangfire either schedules a retry (the mirror filter then names
    // the time in the stage) or, past the configured attempts, fails it (the mirror filter marks it failed).
    private const string RecordErrorSql = """
        update platform.jobs
        set error_code = @code, error_message = @message, updated_at = now(),
            status = case when @permanent then 'failed' else 'queued' end,
            finished_at = case when @permanent then now() else finished_at end
        where id = @id and status = 'running'
        """;

    private const string CancelledSql = """
        update platform.jobs
        set status = 'cancelled', stage = 'cancelled', eta_seconds = null, finished_at = now(), updated_at = now()
        where id = @id and status in ('queued', 'running')
        """;

    private const string RequestCancelSql = $"""
        update platform.jobs set cancel_requested = true, updated_at = now()
        where id = @id and status in ('queued', 'running')
        returning {Columns}
        """;

    private const string ResetForRetrySql = $"""
        update platform.jobs
        set status = 'queued', stage = null, percent = 0, eta_seconds = null, error_code = null, error_message = null,
            result = null, cancel_requested = false, finished_at = null, updated_at = now()
        where id = @id and status in ('failed', 'cancelled')
        returning {Columns}
        """;

    private const string RequeuedByHangfireSql = """
        update platform.jobs
        set status = 'queued', stage = @stage, percent = case when status = 'succeeded' then 0 else percent end,
            cancel_requested = false, finished_at = null, updated_at = now()
        where id = @id and status <> 'running'
        """;

    private const string InterruptedSql = """
        update platform.jobs set status = 'queued', stage = @stage, updated_at = now()
        where id = @id and status = 'running'
        """;

    private const string FailedByHangfireSql = """
        update platform.jobs
        set status = 'failed', finished_at = now(), updated_at = now(),
            error_code = coalesce(error_code, @code), error_message = coalesce(error_message, @message)
        where id = @id and status in ('queued', 'running')
        """;

    public async Task<JobRecord> InsertAsync(Guid id, JobRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<JobRecord>(new CommandDefinition(InsertSql, new
        {
            Id = id, request.Module, request.Kind, request.OwnerId, request.Queue,
            Input = JsonSerializer.Serialize(request.Input ?? new { }, JobJson.Options),
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

    public async Task<JobRecord?> TryStartAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JobRecord>(new CommandDefinition(StartSql, new { id }, cancellationToken: ct));
    }

    public Task SucceedAsync(Guid id, object? result) =>
        ExecuteAsync(SucceedSql, new { id, result = result is null ? null : JsonSerializer.Serialize(result, JobJson.Options) });

    public Task RecordErrorAsync(Guid id, string code, string message, bool permanent) =>
        ExecuteAsync(RecordErrorSql, new { id, code, message, permanent });

    public Task MarkCancelledAsync(Guid id) => ExecuteAsync(CancelledSql, new { id });

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

    public Task MarkRequeuedAsync(Guid id, string? stage) => ExecuteAsync(RequeuedByHangfireSql, new { id, stage });

    /// <summary>A run stopped by the server shutting down: queued again, so it shows as waiting until an instance picks it up.</summary>
    public Task MarkInterruptedAsync(Guid id, string stage) => ExecuteAsync(InterruptedSql, new { id, stage });

    public Task MarkFailedAsync(Guid id, string code, string? message) => ExecuteAsync(FailedByHangfireSql, new { id, code, message });

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, args);
    }
}
