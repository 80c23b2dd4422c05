using Dapper;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>JobProgress on its own, against a migrated platform schema (real PostgreSQL).</summary>
public sealed class JobProgressTests
{
    private NpgsqlDataSource _dataSource = null!;
    private Guid _jobId;

    [SetUp]
    public async Task SetUpAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("progress"));
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(["platform"], Path.Combine(RepositoryPaths.Root, "migrations"));
        _jobId = Guid.NewGuid();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "insert into platform.jobs (id, module, kind, status) values (@Id, 'probe', 'render', 'running')", new { Id = _jobId });
    }

    [TearDown]
    public async Task TearDownAsync() => await _dataSource.DisposeAsync();

    private JobProgress Create() => new(_jobId, null, null, 0, _dataSource, NullLogger.Instance, TimeProvider.System);

    private async Task<(double Percent, string? Stage)> RowAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(double, string?)>(
            "select percent, stage from platform.jobs where id = @Id", new { Id = _jobId });
    }

    [Test]
    public async Task Dispose_WritesTheLastReportAndItsLogLines()
    {
        var progress = Create();
        progress.Report(0.1, "decode");
        progress.Report(0.735);
        progress.Log("halfway");
        await progress.DisposeAsync();

        Assert.That(await RowAsync(), Is.EqualTo((73.5, (string?)"decode")));
        await using var connection = await _dataSource.OpenConnectionAsync();
        var logs = (await connection.QueryAsync<string>("select message from platform.job_logs where job_id = @Id order by id", new { Id = _jobId })).ToList();
        Assert.That(logs, Is.EqualTo(new[] { "stage decode", "halfway" }));
    }

    [Test]
    public async Task Report_AfterDispose_IsIgnoredAndDoesNotThrow()
    {
        // Progress<T> callbacks run on the thread pool, so a job's last report can arrive after the executor
        // disposed its JobProgress; that once crashed the whole process (ObjectDisposedException on a pool thread).
        var progress = Create();
        progress.Report(1, "done");
        await progress.DisposeAsync();

        Assert.DoesNotThrow(() => progress.Report(0.4, "late"));
        Assert.DoesNotThrow(() => progress.Log("late line"));
        Assert.DoesNotThrowAsync(async () => await progress.DisposeAsync());
        Assert.That(await RowAsync(), Is.EqualTo((100.0, (string?)"done")), "a late report never moves the bar back");
    }
}
