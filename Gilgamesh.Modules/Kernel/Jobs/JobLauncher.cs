using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Hands queued rows to Hangfire (a job carrying the row's id and, for the console, its readable name). Called after
/// the transaction that queued them commits; a crash in between leaves rows queued without a Hangfire job, which
/// <see cref="Recovery.JobReconciler"/> launches on its next pass. A duplicate Hangfire job is harmless: the executor
/// starts a row only from <c>queued</c>.
/// </summary>
public sealed class JobLauncher(IServiceProvider services, NpgsqlDataSource dataSource)
{
    private const string ReadSql = """
        select id, queue, coalesce(title, case when step_name is not null then step_name || ' (' || module || '/' || kind || ')'
                                              else module || '/' || kind end) as name
        from platform.jobs where id = any(@ids) and status = 'queued'
        """;

    // Resolved lazily: the Hangfire client depends (through the filter provider) on the job store, which uses this.
    private IBackgroundJobClient Hangfire => services.GetRequiredService<IBackgroundJobClient>();

    public async Task LaunchAsync(IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid Id, string Queue, string Name)>(ReadSql, new { ids = ids.ToArray() });
        foreach (var (id, queue, name) in rows)
        {
            var hangfireId = Create(id, name, queue);
            await connection.ExecuteAsync("update platform.jobs set hangfire_job_id = @hangfireId where id = @id", new { id, hangfireId });
        }
    }

    internal string Create(Guid id, string name, string queue) =>
        // Hangfire replaces CancellationToken.None with the worker's token (shutdown or deletion).
        Hangfire.Create<JobExecutor>(x => x.RunAsync(id, name, CancellationToken.None), new EnqueuedState(queue));
}
