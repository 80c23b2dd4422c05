using System.Text.Json;
using Dapper;
using Gilgamesh.Modules.Kernel.Jobs;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Pipelines;

/// <summary>Pipelines in <c>platform.jobs</c> (parent and step rows) and <c>platform.job_edges</c>.</summary>
public sealed class PipelineStore(NpgsqlDataSource dataSource, JobLauncher launcher, JobStore jobs, JobCancellationRegistry cancellations)
{
    private const string InsertPipelineSql = """
        insert into platform.jobs (id, module, kind, owner_id, input, queue, title, subject_href, is_pipeline, status, stage, started_at)
        values (@Id, @Module, @Kind, @OwnerId, '{}'::jsonb, 'default', @Title, @SubjectHref, true, 'running', 'running', now())
        """;

    // Fan-out rows carry increasing created_at so they start (and are read back) in list order.
    private const string InsertStepsSql = """
        insert into platform.jobs (id, module, kind, owner_id, input, queue, title, parent_id, step_name, optional, weight,
                                   pending_deps, fan_group, fan_limit, status, created_at)
        select t.id, t.module, t.kind, @OwnerId, t.input::jsonb, t.queue, t.title, @Parent, t.step_name, t.optional, t.weight,
               t.pending, @FanGroup, @FanLimit, 'pending', now() + t.ord * interval '1 microsecond'
        from unnest(@Ids, @Modules, @Kinds, @Inputs, @Queues, @Titles, @Names, @Weights, @Pending, @Optional)
             with ordinality as t(id, module, kind, input, queue, title, step_name, weight, pending, optional, ord)
        on conflict (parent_id, step_name) where parent_id is not null do nothing
        returning id, step_name
        """;

    private const string InsertEdgesSql = """
        insert into platform.job_edges (from_job, to_job)
        select f.id, t.id from unnest(@From, @To) as e(from_name, to_name)
        join platform.jobs f on f.parent_id = @Parent and f.step_name = e.from_name
        join platform.jobs t on t.parent_id = @Parent and t.step_name = e.to_name
        on conflict do nothing
        returning to_job
        """;

    private const string AddPendingSql = """
        update platform.jobs set pending_deps = pending_deps + 1, updated_at = now() where id = @id and status = 'pending'
        """;

    private const string CancelStepsSql = """
        with queued as (
            update platform.jobs set status = 'cancelled', stage = 'cancelled', cancel_requested = true,
                   finished_at = now(), updated_at = now()
            where parent_id = @pipeline and status in ('pending', 'queued')
            returning hangfire_job_id
        ), running as (
            update platform.jobs set cancel_requested = true, updated_at = now()
            where parent_id = @pipeline and status = 'running'
            returning id
        )
        select 'queued' as what, hangfire_job_id as id from queued where hangfire_job_id is not null
        union all select 'running', id::text from running
        """;

    private const string ResetStepsSql = """
        update platform.jobs
        set status = 'pending', stage = null, percent = 0, eta_seconds = null, error_code = null, error_message = null,
            result = null, cancel_requested = false, finished_at = null, updated_at = now()
        where parent_id = @pipeline and status in ('failed', 'cancelled') and (@step::uuid is null or id = @step)
        returning id
        """;

    private const string ResumeSql = """
        update platform.jobs
        set status = 'running', stage = 'running', error_code = null, error_message = null, cancel_requested = false,
            finished_at = null, updated_at = now()
        where id = @pipeline and status in ('failed', 'cancelled', 'succeeded')
        """;

    private const string StepsSql = """
        select id, module, kind, owner_id, input, queue, status, stage, percent, eta_seconds, error_code, error_message,
               result, hangfire_job_id, attempts, cancel_requested, created_at, started_at, finished_at, updated_at,
               title, subject_href, parent_id, step_name, is_pipeline, optional, weight, pending_deps, fan_group, instance_id
        from platform.jobs where parent_id = @pipeline order by created_at, id;
        select f.step_name as from_name, t.step_name as to_name from platform.job_edges e
        join platform.jobs f on f.id = e.from_job join platform.jobs t on t.id = e.to_job
        where t.parent_id = @pipeline
        """;

    private const string DependenciesSql = """
        select f.step_name, f.module || '/' || f.kind as kind, f.status, f.result
        from platform.job_edges e join platform.jobs f on f.id = e.from_job
        where e.to_job = @step order by f.created_at, f.id
        """;

    public async Task<JobRecord> StartAsync(PipelinePlan plan, JobOptions options, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        IReadOnlyList<Guid> released;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertPipelineSql, new
            {
                Id = id, plan.Module, Kind = plan.Name, options.OwnerId, options.Title, options.SubjectHref,
            }, tx, cancellationToken: ct));
            await InsertStepsAsync(connection, tx, id, options.OwnerId, options.Title, plan.Steps, null, null, ct);
            released = await PipelineSql.AdvanceAsync(connection, tx, id);
            await tx.CommitAsync(ct);
        }
        await launcher.LaunchAsync(released);
        return (await jobs.GetAsync(id, ct))!;
    }

    internal async Task FanOutAsync(JobRecord step, JobKind kind, IReadOnlyList<object?> inputs, FanOut fanOut, CancellationToken ct)
    {
        StepName.Validate(fanOut.Name);
        if (fanOut.MaxParallel < 1) throw new ArgumentOutOfRangeException(nameof(fanOut), "MaxParallel is at least 1");
        var pipeline = step.ParentId!.Value;
        var planned = inputs.Select((input, i) => new PlannedStep(
            $"{fanOut.Name}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", kind, input,
            [step.StepName!], fanOut.Optional, fanOut.Weight)).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await PipelineSql.LockAsync(connection, tx, pipeline);
        var title = await connection.ExecuteScalarAsync<string?>("select title from platform.jobs where id = @pipeline", new { pipeline }, tx);
        await InsertStepsAsync(connection, tx, pipeline, step.OwnerId, title, planned, $"{step.StepName}/{fanOut.Name}", fanOut.MaxParallel, ct);
        // The fed steps wait for every new step too (each new edge counts once: a retried fan-out adds none).
        var from = planned.SelectMany(_ => fanOut.Feeds, (p, _) => p.Name).ToArray();
        var to = planned.SelectMany(_ => fanOut.Feeds, (_, f) => f).ToArray();
        var added = await connection.QueryAsync<Guid>(InsertEdgesSql, new { Parent = pipeline, From = from, To = to }, tx);
        foreach (var target in added)
            if (await connection.ExecuteAsync(AddPendingSql, new { id = target }, tx) == 0)
                throw new InvalidOperationException($"Fan-out of '{step.StepName}' feeds a step that already started");
        await tx.CommitAsync(ct);
    }

    /// <summary>Cancels every queued and running step (running ones stop at once) and starts nothing new.</summary>
    public async Task CancelAsync(Guid pipeline, Func<string, bool> deleteHangfireJob, CancellationToken ct)
    {
        List<(string What, string Id)> affected;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await PipelineSql.LockAsync(connection, tx, pipeline);
            await connection.ExecuteAsync("update platform.jobs set cancel_requested = true, stage = 'cancelling', updated_at = now() where id = @pipeline and status = 'running'", new { pipeline }, tx);
            affected = (await connection.QueryAsync<(string, string)>(CancelStepsSql, new { pipeline }, tx)).ToList();
            foreach (var (what, id) in affected.Where(a => a.What == "running"))
                await connection.ExecuteAsync("select pg_notify('gilgamesh_job_cancel', @id)", new { id }, tx);
            await PipelineSql.AdvanceAsync(connection, tx, pipeline);
            await tx.CommitAsync(ct);
        }
        // Steps running on this instance stop now, without waiting for the NOTIFY to come back through the listener
        // (whose continuation a busy thread pool can delay); other instances' steps stop on the NOTIFY.
        foreach (var (_, id) in affected.Where(a => a.What == "running"))
            if (Guid.TryParse(id, out var step)) cancellations.Cancel(step);
        foreach (var (_, hangfireId) in affected.Where(a => a.What == "queued")) deleteHangfireJob(hangfireId);
    }

    /// <summary>
    /// Runs the failed or cancelled steps again (one step, or all of them), and the pipeline with them; steps that
    /// succeeded never run again. Returns false when there was nothing to retry.
    /// </summary>
    public async Task<bool> RetryAsync(Guid pipeline, Guid? step, CancellationToken ct)
    {
        IReadOnlyList<Guid> released;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await PipelineSql.LockAsync(connection, tx, pipeline);
            if (!(await connection.QueryAsync<Guid>(ResetStepsSql, new { pipeline, step }, tx)).Any()) return false;
            released = await ResumeAsync(connection, tx, pipeline);
            await tx.CommitAsync(ct);
        }
        await launcher.LaunchAsync(released);
        return true;
    }

    internal static async Task<IReadOnlyList<Guid>> ResumeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid pipeline)
    {
        await connection.ExecuteAsync(ResumeSql, new { pipeline }, tx);
        return await PipelineSql.AdvanceAsync(connection, tx, pipeline);
    }

    public async Task<IReadOnlyList<JobStep>> GetStepsAsync(Guid pipeline, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(StepsSql, new { pipeline }, cancellationToken: ct));
        var steps = (await grid.ReadAsync<JobRecord>()).ToList();
        var edges = (await grid.ReadAsync<(string From, string To)>()).ToLookup(e => e.To, e => e.From);
        return [.. steps.Select(s => new JobStep(s, [.. edges[s.StepName!]]))];
    }

    internal async Task<IReadOnlyList<StepOutcome>> GetDependenciesAsync(Guid step, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Name, string Kind, string Status, JsonElement? Result)>(
            new CommandDefinition(DependenciesSql, new { step }, cancellationToken: ct));
        return [.. rows.Select(r => new StepOutcome(r.Name, r.Kind, r.Status, r.Result))];
    }

    private static async Task InsertStepsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid parent, string? ownerId,
        string? pipelineTitle, IReadOnlyList<PlannedStep> steps, string? fanGroup, int? fanLimit, CancellationToken ct)
    {
        if (steps.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition(InsertStepsSql, new
        {
            Parent = parent, OwnerId = ownerId, FanGroup = fanGroup, FanLimit = fanLimit,
            Ids = steps.Select(_ => Guid.CreateVersion7()).ToArray(),
            Modules = steps.Select(s => s.Kind.Module).ToArray(),
            Kinds = steps.Select(s => s.Kind.Name).ToArray(),
            Inputs = steps.Select(s => JsonSerializer.Serialize(s.Input ?? new { }, JobJson.Options)).ToArray(),
            Queues = steps.Select(s => s.Kind.Queue).ToArray(),
            Titles = steps.Select(s => pipelineTitle is null ? null : $"{pipelineTitle} › {s.Name}").ToArray(),
            Names = steps.Select(s => s.Name).ToArray(),
            Weights = steps.Select(s => s.Weight).ToArray(),
            Pending = steps.Select(s => s.DependsOn.Count).ToArray(),
            Optional = steps.Select(s => s.Optional).ToArray(),
        }, tx, cancellationToken: ct));
        var from = steps.SelectMany(s => s.DependsOn).ToArray();
        var to = steps.SelectMany(s => s.DependsOn.Select(_ => s.Name)).ToArray();
        if (from.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition(InsertEdgesSql, new { Parent = parent, From = from, To = to }, tx, cancellationToken: ct));
    }
}
