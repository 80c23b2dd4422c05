using System.Diagnostics;
using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>
/// kill -9 while a job runs, then restart: an instance takes its own interrupted jobs back at once; a dead instance's
/// jobs are taken over within the stated bound; cancelling an orphan ends it; no row says running for work nobody runs.
/// </summary>
[NonParallelizable]
public sealed class CrashRecoveryTests
{
    private static async Task<JobApi.Job> StartRenderAndWaitRunningAsync(AppProcess app, double seconds = 20)
    {
        var job = await JobApi.PostAsync(app.Http, "/api/v1/probe/renders", new { durationSeconds = seconds, realtime = true });
        return await JobApi.WaitForAsync(app.Http, job.Id, j => j is { Status: "running", Percent: > 5 }, TimeSpan.FromSeconds(60), "running past 5 %");
    }

    private static async Task<string?> InstanceOfAsync(string database, Guid job)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.ExecuteScalarAsync<string?>("select instance_id from platform.jobs where id = @job", new { job });
    }

    [Test]
    public async Task KilledInstance_WhenRestarted_TakesItsInterruptedJobBackAtOnce()
    {
        var database = await TestDatabase.CreateAsync("crash");
        using var dir = new TempDirectory("gilgamesh-crash");
        var app = await AppProcess.StartAsync(dir.Path, database);
        JobApi.Job running;
        try
        {
            running = await StartRenderAndWaitRunningAsync(app, 6);
            await app.KillAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }

        var restartedAt = Stopwatch.StartNew();
        await using var restarted = await AppProcess.StartAsync(dir.Path, database);
        var retaken = await JobApi.WaitForAsync(restarted.Http, running.Id, j => j.Attempts == 2, TimeSpan.FromSeconds(20), "a second attempt");
        var reclaimSeconds = restartedAt.Elapsed.TotalSeconds;

        Assert.That(retaken.Status, Is.AnyOf("queued", "running", "succeeded"));
        var done = await JobApi.WaitForStatusAsync(restarted.Http, running.Id, "succeeded", TimeSpan.FromSeconds(60));
        Assert.That(done.Percent, Is.EqualTo(100));
        TestContext.Out.WriteLine($"reclaimed {reclaimSeconds:0.0} s after the restart began (process start included)");
        Assert.That(restarted.Output, Does.Contain("Requeued 1 jobs this instance"));
    }

    [Test]
    public async Task TwoInstances_WhenTheOneRunningAJobIsKilled_TheOtherTakesItOverWithinSixtySeconds()
    {
        var database = await TestDatabase.CreateAsync("crash");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        await using var a = await AppProcess.StartAsync(dirA.Path, database);
        var b = await AppProcess.StartAsync(dirB.Path, database);
        try
        {
            // Whichever instance picks the job up is the one killed.
            var running = await StartRenderAndWaitRunningAsync(a, 8);
            var runner = await InstanceOfAsync(database, running.Id);
            var (victim, survivor) = a.Output.Contains($"Job {running.Id} (") ? (a, b) : (b, a);
            await victim.KillAsync();
            var killedAt = Stopwatch.StartNew();

            var retaken = await JobApi.WaitForAsync(survivor.Http, running.Id, j => j.Attempts == 2, TimeSpan.FromSeconds(75), "a second attempt");
            var seconds = killedAt.Elapsed.TotalSeconds;
            TestContext.Out.WriteLine($"taken over {seconds:0.0} s after the kill");
            Assert.That(seconds, Is.LessThanOrEqualTo(60));
            var done = await JobApi.WaitForStatusAsync(survivor.Http, running.Id, "succeeded", TimeSpan.FromSeconds(60));
            Assert.That(await InstanceOfAsync(database, running.Id), Is.Null, "finished rows name no instance");
            Assert.That(runner, Is.Not.Null);
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    [Test]
    public async Task OrphanedJob_WhenCancelled_EndsCancelled_AndNothingSaysRunning()
    {
        var database = await TestDatabase.CreateAsync("crash");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        // Only B works on the media queue, so B runs the render; A serves the API.
        await using var a = await AppProcess.StartAsync(dirA.Path, database, new Dictionary<string, string> { ["Jobs__Queues"] = "default" });
        var b = await AppProcess.StartAsync(dirB.Path, database, new Dictionary<string, string> { ["Jobs__Queues"] = "media" });
        JobApi.Job running;
        try
        {
            running = await StartRenderAndWaitRunningAsync(a, 30);
            await b.KillAsync();
        }
        finally
        {
            await b.DisposeAsync();
        }
        var killedAt = Stopwatch.StartNew();

        using var cancel = await a.Http.PostAsync($"/api/v1/jobs/{running.Id}/cancel", null);
        Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
        var ended = await JobApi.WaitForAsync(a.Http, running.Id, JobApi.IsFinal, TimeSpan.FromSeconds(75), "a final status");

        Assert.That(ended.Status, Is.EqualTo("cancelled"));
        Assert.That(killedAt.Elapsed.TotalSeconds, Is.LessThanOrEqualTo(60));
        await using var connection = new NpgsqlConnection(database);
        Assert.That(await connection.ExecuteScalarAsync<long>("select count(*) from platform.jobs where status = 'running'"), Is.Zero);
        var metrics = await a.Http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Not.Match("gilgamesh_jobs\\{module=\"probe\",status=\"running\"\\} [1-9]"));
    }

    [Test]
    public async Task KilledThenRestarted_CancelOfTheRetakenJob_EndsIt()
    {
        var database = await TestDatabase.CreateAsync("crash");
        using var dir = new TempDirectory("gilgamesh-crash");
        var app = await AppProcess.StartAsync(dir.Path, database);
        JobApi.Job running;
        try
        {
            running = await StartRenderAndWaitRunningAsync(app, 30);
            await app.KillAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
        // kill -9 leaves the dead app's ffmpeg child running to its end (nobody kills it); only the retaken run's counts.
        var orphans = FfmpegProcesses.WithArgument(dir.Path);
        await using var restarted = await AppProcess.StartAsync(dir.Path, database);

        using var cancel = await restarted.Http.PostAsync($"/api/v1/jobs/{running.Id}/cancel", null);
        Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
        var ended = await JobApi.WaitForAsync(restarted.Http, running.Id, JobApi.IsFinal, TimeSpan.FromSeconds(20), "a final status");

        Assert.That(ended.Status, Is.EqualTo("cancelled"));
        Assert.That(FfmpegProcesses.WithArgument(dir.Path).Except(orphans), Is.Empty, "the retaken run's ffmpeg stopped");
        using var retry = await restarted.Http.PostAsync($"/api/v1/jobs/{running.Id}/retry", null);
        Assert.That((int)retry.StatusCode, Is.EqualTo(202), "a cancelled orphan can be retried");
        Assert.That((await JobApi.WaitForStatusAsync(restarted.Http, running.Id, "succeeded", TimeSpan.FromSeconds(90))).Percent, Is.EqualTo(100));
    }
}
