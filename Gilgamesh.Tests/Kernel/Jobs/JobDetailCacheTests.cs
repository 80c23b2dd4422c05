using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>
/// GET /api/v1/jobs/{id} answers from memory and stays exact: every change of a job (on any instance) arrives
/// as a NOTIFY that drops the cached answer. Two in-process apps on one real database.
/// </summary>
[NonParallelizable]
public sealed class JobDetailCacheTests
{
    private string _database = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync("jobcache");
        _a = await AppInstance.StartAsync(_database);
        _b = await AppInstance.StartAsync(_database);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private async Task<JobApi.Job> FinishedJobAsync()
    {
        var job = await JobApi.PostAsync(_a.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        return await JobApi.WaitForStatusAsync(_a.Http, job.Id, "succeeded");
    }

    private async Task ExecuteAsync(string sql, object args, bool withoutTriggers = false)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        // replica mode skips triggers: a change no NOTIFY announces, which only a cached answer would not show.
        if (withoutTriggers) await connection.ExecuteAsync("set session_replication_role = replica");
        await connection.ExecuteAsync(sql, args);
    }

    [Test]
    public async Task Get_AnswersFromMemory_UntilANotifiedChangeDropsTheAnswer()
    {
        var job = await FinishedJobAsync();
        await Task.Delay(300); // let the last notifications of the run arrive, then read it into the cache
        await JobApi.GetAsync(_a.Http, job.Id);
        await JobApi.GetAsync(_a.Http, job.Id);

        await ExecuteAsync("update platform.jobs set stage = 'silent edit' where id = @id", new { id = job.Id }, withoutTriggers: true);
        Assert.That((await JobApi.GetAsync(_a.Http, job.Id)).Stage, Is.EqualTo("done"), "served from memory, no database read");

        await ExecuteAsync("update platform.jobs set stage = 'announced edit' where id = @id", new { id = job.Id });
        var seen = await JobApi.WaitForAsync(_a.Http, job.Id, j => j.Stage != "done", TimeSpan.FromSeconds(5), "the change");
        Assert.That(seen.Stage, Is.EqualTo("announced edit"));
    }

    [Test]
    public async Task NewLogLine_IsVisibleAtOnce()
    {
        var job = await FinishedJobAsync();
        var before = await _a.Http.GetStringAsync($"/api/v1/jobs/{job.Id}");

        await ExecuteAsync("insert into platform.job_logs (job_id, level, message) values (@id, 'info', 'added later')", new { id = job.Id });

        var deadline = DateTime.UtcNow.AddSeconds(5);
        string after;
        do after = await _a.Http.GetStringAsync($"/api/v1/jobs/{job.Id}");
        while (!after.Contains("added later") && DateTime.UtcNow < deadline);
        Assert.That(before, Does.Not.Contain("added later"));
        Assert.That(after, Does.Contain("added later"));
    }

    [Test]
    public async Task RetryOnInstanceB_ReachesTheAnswerCachedOnInstanceA()
    {
        var job = await FinishedJobAsync();
        await ExecuteAsync("update platform.jobs set status = 'failed', error_code = 'x.y' where id = @id", new { id = job.Id });
        await JobApi.WaitForStatusAsync(_a.Http, job.Id, "failed", TimeSpan.FromSeconds(5)); // cached on A as failed

        using var retry = await _b.Http.PostAsync($"/api/v1/jobs/{job.Id}/retry", null);
        Assert.That((int)retry.StatusCode, Is.EqualTo(202));

        var again = await JobApi.WaitForStatusAsync(_a.Http, job.Id, "succeeded", TimeSpan.FromSeconds(30));
        Assert.That(again.Attempts, Is.EqualTo(2), "A answers the retried run, not its cached failure");
    }

    [Test]
    public async Task OthersJob_FromTheCache_IsStill404()
    {
        var job = await FinishedJobAsync();
        await JobApi.GetAsync(_a.Http, job.Id); // cached by the admin's read
        using var other = await _a.CreateUserAsync("viewer");

        using var response = await other.Http.GetAsync($"/api/v1/jobs/{job.Id}");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }
}
