using System.Diagnostics;
using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Pipelines;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Bench;

/// <summary>
/// Scheduling overhead per pipeline step: a 1,000-step pipeline of empty steps (999 side by side, then one fan-in)
/// against the anchor, 1,000 plain Hangfire jobs calling an empty method, on the same in-process host and workers.
/// Wall time from start to the last one done, divided by 1,000; median of 3 rounds each, interleaved.
/// </summary>
internal sealed class PipelineOverheadBench : IBenchmark
{
    private const int Steps = 1000;
    private const double GoalMsPerStep = 10;

    public async Task RunAsync(BenchResult result)
    {
        var dataDir = Machine.TempDir("pipelines");
        var url = $"http://127.0.0.1:{Machine.FreePort()}";
        try
        {
            await using var app = await GilgameshHost.CreateAsync(["--urls", url], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gilgamesh:DataDir"] = dataDir,
                ["Jobs:QueuePollMilliseconds"] = "100",
                ["Logging:LogLevel:Default"] = "Error",
                ["Gilgamesh:Admin:Password"] = Gilgamesh.Tests.Support.TestAccounts.AdminPassword,
            }), [typeof(BenchModule).Assembly]);
            await app.StartAsync();
            var scheduler = app.Services.GetRequiredService<IJobScheduler>();
            var hangfire = app.Services.GetRequiredService<IBackgroundJobClient>();
            var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var store = app.Services.GetRequiredService<JobStore>();

            await PipelineAsync(scheduler, store, 20); // warm-up: JIT, pools
            var pipeline = new List<double>();
            var plain = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                plain.Add(await PlainHangfireAsync(hangfire, monitoring) / Steps);
                pipeline.Add(await PipelineAsync(scheduler, store, Steps) / Steps);
                Console.WriteLine($"round {round + 1}: pipeline {pipeline[^1]:0.00} ms/step, plain Hangfire {plain[^1]:0.00} ms/job");
            }
            var p = Median(pipeline);
            var h = Median(plain);
            result.Add("pipeline step (1,000-step pipeline, empty steps)", p, "ms/step", $"<= {GoalMsPerStep}", p <= GoalMsPerStep);
            result.Add("plain Hangfire job (anchor, empty method)", h, "ms/job");
            result.Add("ratio pipeline step / plain Hangfire job", p / h, "x");
            await app.StopAsync();
        }
        finally
        {
            Machine.TryDeleteDirectory(dataDir);
        }
    }

    private static async Task<double> PipelineAsync(IJobScheduler scheduler, JobStore store, int steps)
    {
        var plan = new PipelinePlan(BenchModule.ModuleName, "overhead");
        var parallel = Enumerable.Range(0, steps - 1).Select(i => (StepRef)plan.Step(BenchModule.Empty, new EmptyInput(), $"s{i}")).ToList();
        plan.Step(BenchModule.Empty, new EmptyInput(), "fan-in", dependsOn: parallel);
        var clock = Stopwatch.StartNew();
        var job = await scheduler.StartPipelineAsync(plan);
        while ((await store.GetAsync(job.Id))!.Status is not ("succeeded" or "failed" or "cancelled")) await Task.Delay(20);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> PlainHangfireAsync(IBackgroundJobClient hangfire, Hangfire.Storage.IMonitoringApi monitoring)
    {
        var before = monitoring.SucceededListCount();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Steps; i++) hangfire.Enqueue<EmptyHangfireJob>(x => x.Run());
        while (monitoring.SucceededListCount() - before < Steps) await Task.Delay(20);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>The anchor: an empty method run by Hangfire with no platform row around it.</summary>
public sealed class EmptyHangfireJob
{
    public void Run() { }
}

public sealed record EmptyInput;

internal sealed class EmptyStep : IJobHandler<EmptyInput, NoResult>
{
    public Task<NoResult> ExecuteAsync(EmptyInput input, JobContext context, CancellationToken cancellationToken) => Task.FromResult(NoResult.Value);
}
