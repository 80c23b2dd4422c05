using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>
/// 200 pipelines (5 parallel steps + 1 fan-in) on two app processes sharing one database: every fan-in runs exactly
/// once, also with steps that fail once and are retried, and with kill -9 of one instance at random moments.
/// </summary>
[NonParallelizable]
public sealed class PipelineScaleOutTests
{
    private const int Pipelines = 200;

    private static readonly Dictionary<string, string> Fast = new()
    {
        ["Jobs__RetryDelaysSeconds__0"] = "1",
        ["Jobs__RetryDelaysSeconds__1"] = "1",
        ["Jobs__RetryDelaysSeconds__2"] = "1",
        ["Jobs__SchedulePollSeconds"] = "1",
        ["Jobs__DefaultWorkers"] = "8",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static async Task<List<Guid>> StartPipelinesAsync(AppProcess a, AppProcess b, object request)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Pipelines; i++)
            ids.Add((await JobApi.StartPipelineAsync(i % 2 == 0 ? a.Http : b.Http, request)).Id);
        return ids;
    }

    private static async Task WaitAllSucceededAsync(string database, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(database);
        var deadline = DateTime.UtcNow + timeout;
        (long Succeeded, long Other) counts;
        do
        {
            counts = await connection.QuerySingleAsync<(long, long)>("""
                select count(*) filter (where status = 'succeeded'), count(*) filter (where status in ('failed', 'cancelled'))
                from platform.jobs where is_pipeline
                """);
            if (counts.Succeeded + counts.Other == Pipelines) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        Assert.That(counts, Is.EqualTo(((long)Pipelines, 0L)), "every pipeline succeeded");
    }

    private static async Task<(long Rows, int MaxRuns, long Totals)> FanInAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.QuerySingleAsync<(long, int, long)>("select count(*), coalesce(max(runs), 0), coalesce(sum(total), 0) from probe.fan_in");
    }

    [Test]
    public async Task TwoHundredPipelines_OnTwoInstances_EveryFanInRunsExactlyOnce()
    {
        var database = await TestDatabase.CreateAsync("fanin");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        await using var a = await AppProcess.StartAsync(dirA.Path, database, Fast);
        await using var b = await AppProcess.StartAsync(dirB.Path, database, Fast);

        await StartPipelinesAsync(a, b, new { parallel = 5 });
        await WaitAllSucceededAsync(database, TimeSpan.FromMinutes(4));

        // Values 1..5 per pipeline: each fan-in saw all five results, and ran once.
        Assert.That(await FanInAsync(database), Is.EqualTo(((long)Pipelines, 1, Pipelines * 15L)));
        await using var connection = new NpgsqlConnection(database);
        Assert.That(await connection.QuerySingleAsync<(long, int)>("select count(*), max(runs) from probe.step_runs"),
            Is.EqualTo(((long)Pipelines * 5, 1)), "every step ran once");
        Assert.That(a.Output + b.Output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task TwoHundredPipelines_WithStepsFailingOnceAndRetried_EveryFanInRunsExactlyOnce()
    {
        var database = await TestDatabase.CreateAsync("fanin");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        await using var a = await AppProcess.StartAsync(dirA.Path, database, Fast);
        await using var b = await AppProcess.StartAsync(dirB.Path, database, Fast);

        // Two of the five steps fail on their first attempt; Hangfire retries them (possibly on the other instance).
        await StartPipelinesAsync(a, b, new
        {
            parallel = 5,
            steps = new object[] { new { value = 1, failAttempts = 1 }, new { value = 2 }, new { value = 3, failAttempts = 1 }, new { value = 4 }, new { value = 5 } },
        });
        await WaitAllSucceededAsync(database, TimeSpan.FromMinutes(5));

        Assert.That(await FanInAsync(database), Is.EqualTo(((long)Pipelines, 1, Pipelines * 15L)));
        await using var connection = new NpgsqlConnection(database);
        var runs = (await connection.QueryAsync<(string Step, int Runs)>("select step_name, runs from probe.step_runs")).ToList();
        Assert.That(runs.Where(r => r.Step is "work-1" or "work-3").Select(r => r.Runs).ToList(), Has.Count.EqualTo(2 * Pipelines).And.All.EqualTo(2));
        Assert.That(runs.Where(r => r.Step is not ("work-1" or "work-3")).Select(r => r.Runs).ToList(), Has.Count.EqualTo(3 * Pipelines).And.All.EqualTo(1));
    }

    [Test]
    public async Task TwoHundredPipelines_WhenOneInstanceIsKilledAtRandomMoments_AllFinishAndEachFanInRunsOncePerAttempt()
    {
        var database = await TestDatabase.CreateAsync("fanin");
        using var dirA = new TempDirectory("gilgamesh-a");
        using var dirB = new TempDirectory("gilgamesh-b");
        var settings = new Dictionary<string, string>(Fast) { ["Jobs__InstanceTimeoutSeconds"] = "10", ["Jobs__HeartbeatSeconds"] = "2" };
        await using var a = await AppProcess.StartAsync(dirA.Path, database, settings);
        var b = await AppProcess.StartAsync(dirB.Path, database, settings);
        var random = new Random(20261207);
        try
        {
            // Values 1–5 (the fan-in sums them to 15), each step a little slow so kills land mid-work.
            await StartPipelinesAsync(a, b, new { parallel = 5, steps = Enumerable.Range(1, 5).Select(v => new { value = v, millis = 100 }).ToArray() });
            // B dies twice at random moments; the first time it stays dead (A takes its jobs over after the timeout),
            // the second time it comes back at once (it takes its own interrupted jobs back at start).
            await Task.Delay(random.Next(500, 3000));
            await b.KillAsync();
            await b.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(12));
            b = await AppProcess.StartAsync(dirB.Path, database, settings);
            await Task.Delay(random.Next(500, 3000));
            await b.KillAsync();
            await b.DisposeAsync();
            b = await AppProcess.StartAsync(dirB.Path, database, settings);

            await WaitAllSucceededAsync(database, TimeSpan.FromMinutes(5));
        }
        finally
        {
            await b.DisposeAsync();
        }

        Assert.That(await FanInAsync(database) is var (rows, _, totals) ? (rows, totals) : default, Is.EqualTo(((long)Pipelines, Pipelines * 15L)));
        await using var connection = new NpgsqlConnection(database);
        // A step's side effect runs again only when a run of it was interrupted (its attempts count that run).
        var overRun = await connection.ExecuteScalarAsync<long>("""
            select count(*) from probe.step_runs r join platform.jobs j on j.id = r.job_id where r.runs > j.attempts
            """);
        Assert.That(overRun, Is.Zero, "no step ran more often than it was started");
        var gatherOverRun = await connection.ExecuteScalarAsync<long>("""
            select count(*) from probe.fan_in f join platform.jobs j on j.parent_id = f.pipeline_id and j.step_name = 'gather'
            where f.runs > j.attempts or (j.attempts = 1 and f.runs <> 1)
            """);
        Assert.That(gatherOverRun, Is.Zero, "each fan-in was started once, and ran twice only when a kill interrupted it");
        Assert.That(await connection.ExecuteScalarAsync<long>("select count(*) from platform.jobs where status not in ('succeeded')"), Is.Zero,
            "no step is left running, queued or pending");
    }
}
