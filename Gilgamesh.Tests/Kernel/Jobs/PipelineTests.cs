using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dapper;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>Pipelines on one real host: fan-in, failure and retry, optional steps, cancel, budgets, progress roll-up.</summary>
[NonParallelizable]
public sealed class PipelineTests
{
    private AppInstance _app = null!;
    private string _database = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync("pipes");
        _app = await AppInstance.StartAsync(_database, settings: new Dictionary<string, string?>
        {
            ["Budgets:Capacities:gpu0"] = "1",
            ["Jobs:DefaultWorkers"] = "6",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_database);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_database);
        return [.. await connection.QueryAsync<T>(sql, args)];
    }

    private Task<JobApi.Job> WaitFinalAsync(Guid id, int seconds = 60) =>
        JobApi.WaitForAsync(_app.Http, id, JobApi.IsFinal, TimeSpan.FromSeconds(seconds), "a final status");

    [Test]
    public async Task Pipeline_WhenFiveParallelStepsSucceed_FanInRunsOnceWithAllTheirResults()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new { parallel = 5, work = new { millis = 200 } });

        var done = await WaitFinalAsync(pipeline.Id);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        Assert.That(done.Percent, Is.EqualTo(100));
        var gather = done.Steps!.Single(s => s.StepName == "gather");
        Assert.That(gather.DependsOn, Is.EquivalentTo(new[] { "work-1", "work-2", "work-3", "work-4", "work-5" }));
        var gatherJob = await JobApi.GetAsync(_app.Http, gather.Id);
        Assert.That(gatherJob.Result!.Value.GetProperty("count").GetInt32(), Is.EqualTo(5), "the fan-in read every dependency's typed result");
        Assert.That(await ScalarAsync<int>("select runs from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }), Is.EqualTo(1));
        Assert.That(await QueryAsync<int>("select runs from probe.step_runs where pipeline_id = @Id", new { pipeline.Id }),
            Has.Count.EqualTo(5).And.All.EqualTo(1));
        // The gather started only after the last work step finished.
        var lastWork = done.Steps!.Where(s => s.StepName.StartsWith("work", StringComparison.Ordinal)).Max(s => s.StartedAt);
        Assert.That(gather.StartedAt, Is.GreaterThan(lastWork!));
    }

    [Test]
    public async Task RequiredStep_WhenItFails_FailsThePipelineWithItsCode_AndItsRetryCompletesWithoutRerunningOthers()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new
        {
            parallel = 3,
            steps = new object[] { new { value = 1 }, new { value = 2, failAttempts = 1, permanent = true }, new { value = 3 } },
        });

        var failed = await WaitFinalAsync(pipeline.Id);
        Assert.That(failed.Status, Is.EqualTo("failed"));
        Assert.That(failed.ErrorCode, Is.EqualTo("probe.step_failed"));
        var broken = failed.Steps!.Single(s => s.StepName == "work-2");
        Assert.That(broken.Status, Is.EqualTo("failed"));
        Assert.That(failed.Steps!.Single(s => s.StepName == "gather").Status, Is.EqualTo("pending"), "nothing after the failure started");

        using var retry = await _app.Http.PostAsync($"/api/v1/jobs/{broken.Id}/retry", null);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var done = await WaitFinalAsync(pipeline.Id);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        var runs = (await QueryAsync<(string Step, int Runs)>(
            "select step_name, runs from probe.step_runs where pipeline_id = @Id", new { pipeline.Id })).ToDictionary(r => r.Step, r => r.Runs);
        Assert.That(runs, Is.EquivalentTo(new Dictionary<string, int> { ["work-1"] = 1, ["work-2"] = 2, ["work-3"] = 1 }));
        Assert.That(await ScalarAsync<int>("select runs from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }), Is.EqualTo(1));
    }

    [Test]
    public async Task OptionalStep_WhenItFails_DependentsRunAndTheFailureIsRecorded()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new { parallel = 2, optionalFailing = true });

        var done = await WaitFinalAsync(pipeline.Id);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        var flaky = done.Steps!.Single(s => s.StepName == "flaky");
        Assert.That((flaky.Status, flaky.Optional, flaky.ErrorCode), Is.EqualTo(("failed", true, (string?)"probe.step_failed")));
        Assert.That(done.Steps!.Single(s => s.StepName == "gather").Status, Is.EqualTo("succeeded"));
        Assert.That(await ScalarAsync<int>("select total from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }), Is.EqualTo(1 + 2));
    }

    [Test]
    public async Task Steps_ThatFailOnceTransiently_AreRetriedByHangfire_AndTheFanInStillRunsOnce()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new { parallel = 5, work = new { failAttempts = 1 } });

        var done = await WaitFinalAsync(pipeline.Id, 90);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        Assert.That(done.Steps!.Where(s => s.StepName != "gather").Select(s => s.Attempts), Is.All.EqualTo(2));
        Assert.That(await ScalarAsync<int>("select runs from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }), Is.EqualTo(1));
    }

    [Test]
    public async Task FanOut_AtRunTime_RunsAtMostItsParallelismAtOnce_AndFeedsTheFanIn()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new
        {
            parallel = 1, work = new { value = 100, fanOut = 6, fanOutParallel = 2, millis = 300 },
        });

        var done = await WaitFinalAsync(pipeline.Id, 90);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        var parts = done.Steps!.Where(s => s.StepName.StartsWith("part[", StringComparison.Ordinal)).ToList();
        Assert.That(parts, Has.Count.EqualTo(6));
        Assert.That(done.Steps!.Single(s => s.StepName == "gather").DependsOn, Has.Count.EqualTo(7));
        Assert.That(await ScalarAsync<int>("select total from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }),
            Is.EqualTo(100 + 21), "the fan-in read the split's and every part's result");
        // At most two parts overlapped in time.
        var spans = await QueryAsync<(DateTime Start, DateTime End)>(
            "select started_at, finished_at from platform.jobs where parent_id = @Id and step_name like 'part[%'", new { pipeline.Id });
        var maxOverlap = spans.Max(a => spans.Count(b => b.Start <= a.Start && a.Start < b.End));
        Assert.That(maxOverlap, Is.LessThanOrEqualTo(2));
    }

    [Test]
    public async Task Cancel_DuringFanOut_StopsEveryRunningFfmpegWithinTwoSeconds_AndStartsNothingNew()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new
        {
            parallel = 1, work = new { fanOut = 6, fanOutParallel = 3, partFfmpegSeconds = 30 },
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (FfmpegProcesses.WithArgument(_app.DataDir).Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.That(FfmpegProcesses.WithArgument(_app.DataDir), Has.Count.EqualTo(3), "three parts render at once");

        // From the moment the request leaves to each ffmpeg's exit, by PID, watched from a dedicated thread.
        var pids = FfmpegProcesses.WithArgument(_app.DataDir);
        var clock = Stopwatch.StartNew();
        using var watch = new ProcessExitWatch(pids, clock);
        using var cancel = await _app.Http.PostAsync($"/api/v1/jobs/{pipeline.Id}/cancel", null);
        var answeredAfter = clock.Elapsed;
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        watch.WaitAll(TimeSpan.FromSeconds(10));
        var exits = watch.Exits;
        TestContext.Out.WriteLine($"cancel answered after {answeredAfter.TotalMilliseconds:0} ms; ffmpeg exits (pid: ms after the request) " +
            string.Join(", ", exits.Select(e => $"{e.Key}: {e.Value?.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) ?? "running"}")));

        Assert.That(exits.Values, Has.All.Not.Null, "every running ffmpeg stopped");
        Assert.That(exits.Values.Max(), Is.LessThan(TimeSpan.FromSeconds(2)), "every running ffmpeg stopped within 2 s of the cancel request");
        var done = await WaitFinalAsync(pipeline.Id);
        Assert.That(done.Status, Is.EqualTo("cancelled"));
        await Task.Delay(1500); // anything wrongly released would start by now
        var steps = (await JobApi.GetAsync(_app.Http, pipeline.Id)).Steps!;
        Assert.That(steps.Where(s => s.StepName.StartsWith("part[", StringComparison.Ordinal)).Count(s => s.StartedAt is not null), Is.EqualTo(3),
            "the three waiting parts never started");
        Assert.That(steps.Single(s => s.StepName == "gather").StartedAt, Is.Null);
        Assert.That(steps.Select(s => s.Status), Is.All.AnyOf("succeeded", "cancelled"));
        Assert.That(FfmpegProcesses.WithArgument(_app.DataDir), Is.Empty);
    }

    [Test]
    public async Task GpuBudgetOfOne_WithThreeGpuSteps_RunsOneAtATime_AndTheOthersShowWaiting()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new { parallel = 3, work = new { budget = "gpu0", millis = 1500 } });

        var sawWaiting = false;
        JobApi.Job current;
        do
        {
            current = await JobApi.GetAsync(_app.Http, pipeline.Id);
            var steps = current.Steps!.Where(s => s.StepName.StartsWith("work", StringComparison.Ordinal)).ToList();
            sawWaiting |= steps.Count(s => s.Stage == "waiting for gpu0") == 2 && steps.Count(s => s.Stage == "working") == 1;
            await Task.Delay(50);
        } while (!JobApi.IsFinal(current));

        Assert.That(current.Status, Is.EqualTo("succeeded"));
        Assert.That(sawWaiting, Is.True, "one step worked while two showed \"waiting for gpu0\"");
        var leases = await QueryAsync<(DateTime From, DateTime To)>(
            "select lease_from, lease_to from probe.step_runs where pipeline_id = @Id order by lease_from", new { pipeline.Id });
        Assert.That(leases, Has.Count.EqualTo(3));
        for (var i = 1; i < leases.Count; i++)
            Assert.That(leases[i].From, Is.GreaterThanOrEqualTo(leases[i - 1].To), "leases of gpu0 never overlapped");
    }

    [Test]
    public async Task GpuStep_ThatCannotGetItsLeaseInTime_FallsBackToCpu_AndSaysSoInItsLog()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new
        {
            parallel = 2,
            steps = new object[]
            {
                new { budget = "gpu0", millis = 4000 },
                new { budget = "gpu0", millis = 100, budgetDeadlineSeconds = 0.5, cpuFallback = true },
            },
        });

        var done = await WaitFinalAsync(pipeline.Id);

        Assert.That(done.Status, Is.EqualTo("succeeded"));
        var onCpu = await QueryAsync<(string Step, bool OnCpu)>(
            "select step_name, on_cpu from probe.step_runs where pipeline_id = @Id order by step_name", new { pipeline.Id });
        Assert.That(onCpu, Is.EqualTo(new[] { ("work-1", false), ("work-2", true) }));
        var fallback = await JobApi.GetAsync(_app.Http, done.Steps!.Single(s => s.StepName == "work-2").Id);
        Assert.That(fallback.Logs!.Select(l => l.Message), Has.Some.Contains("falling back to CPU"));
    }

    [Test]
    public async Task PipelinePercent_IsItsStepsProgressWeighted_AndNeverGoesBack()
    {
        var pipeline = await JobApi.StartPipelineAsync(_app.Http, new { parallel = 3, work = new { millis = 1500 } });

        var series = new List<double>();
        JobApi.Job current;
        do
        {
            current = await JobApi.GetAsync(_app.Http, pipeline.Id);
            series.Add(current.Percent);
            await Task.Delay(100);
        } while (!JobApi.IsFinal(current));

        Assert.That(current.Status, Is.EqualTo("succeeded"));
        Assert.That(series, Is.Ordered, "the pipeline's bar only moves forward");
        Assert.That(series.Count(p => p is > 5 and < 95), Is.GreaterThanOrEqualTo(3), "it moved while the steps worked");
        Assert.That(series[^1], Is.EqualTo(100));
    }
}
