using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>Scale-out: two app processes on one PostgreSQL share the queue and each other's live progress.</summary>
[NonParallelizable]
public sealed class TwoInstanceTests
{
    [Test]
    public async Task JobRunningOnInstanceB_IsStreamedLiveByInstanceA()
    {
        var database = await TestDatabase.CreateAsync("two");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        // A serves the web and light jobs only; B is a media worker. The render can only run on B.
        await using var a = await AppProcess.StartAsync(dirA.Path, database, new Dictionary<string, string> { ["Jobs__Queues"] = "default" });
        await using var b = await AppProcess.StartAsync(dirB.Path, database, new Dictionary<string, string> { ["Jobs__Queues"] = "media" });

        var job = await JobApi.PostAsync(a.Http, "/api/v1/probe/renders", new { durationSeconds = 3, realtime = true });
        var seenOnA = await LiveProgress.ReadWebSocketAsync(a.BaseAddress, job.Id, TimeSpan.FromSeconds(60), a.AdminKey);

        var running = seenOnA.Where(m => m.Status == "running").Select(m => m.Percent!.Value).ToList();
        Assert.That(running.Count(p => p is > 0 and < 100), Is.GreaterThanOrEqualTo(3), "B's progress reached A's client live");
        Assert.That(seenOnA.Last().Status, Is.EqualTo("succeeded"));
        Assert.That(FfmpegProcesses.WithArgument(dirA.Path), Is.Empty);
        Assert.That(b.Output, Does.Contain(job.Id.ToString()), "B ran it");
        Assert.That(a.Output, Does.Not.Contain($"Job {job.Id} ("), "A did not");
    }

    [Test]
    public async Task ManyJobsOnTwoInstances_EachRunsExactlyOnce()
    {
        var database = await TestDatabase.CreateAsync("two");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        await using var a = await AppProcess.StartAsync(dirA.Path, database);
        await using var b = await AppProcess.StartAsync(dirB.Path, database);

        var jobs = new List<JobApi.Job>();
        for (var i = 0; i < 8; i++)
            jobs.Add(await JobApi.PostAsync(i % 2 == 0 ? a.Http : b.Http, "/api/v1/probe/renders", new { durationSeconds = 1 }));
        foreach (var job in jobs) await JobApi.WaitForStatusAsync(a.Http, job.Id, "succeeded", TimeSpan.FromSeconds(120));

        await using var connection = new NpgsqlConnection(database);
        var attempts = (await connection.QueryAsync<int>("select attempts from platform.jobs where module = 'probe'")).ToList();
        Assert.That(attempts, Has.Count.EqualTo(8).And.All.EqualTo(1), "every job started exactly once");
        var processing = await connection.ExecuteScalarAsync<long>(
            "select count(*) from hangfire.state where name = 'Processing'");
        Assert.That(processing, Is.EqualTo(8), "Hangfire handed each job to one worker once");
        // The console logger writes from a background queue, so a job's "started" line can trail its
        // database status by a moment on a loaded machine: wait for it rather than read once.
        List<string> ranOn = [];
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            ranOn = jobs.Select(j => a.Output.Contains($"Job {j.Id} (") ? "a" : b.Output.Contains($"Job {j.Id} (") ? "b" : "?").ToList();
            if (!ranOn.Contains("?")) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.That(ranOn, Does.Not.Contain("?"), $"A:\n{a.Output}\nB:\n{b.Output}");
    }
}
