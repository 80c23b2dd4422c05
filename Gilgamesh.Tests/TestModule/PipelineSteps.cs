using Dapper;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Pipelines;
using Npgsql;

namespace Gilgamesh.Tests.TestModule;

/// <summary>What one probe step does: wait, fail on early attempts, hold a budget, run ffmpeg, fan out.</summary>
/// <param name="FailAttempts">Attempts up to this one fail (transient: Hangfire retries; permanent: a user retries).</param>
/// <param name="Budget">A budget to lease for <see cref="Millis"/> (e.g. gpu0); <see cref="BudgetDeadlineSeconds"/> bounds the wait.</param>
/// <param name="CpuFallback">When the lease is not granted in time, work on the CPU instead of failing.</param>
/// <param name="FfmpegSeconds">Run a real-time ffmpeg render this long (cancel tests watch it stop).</param>
/// <param name="FanOut">Add this many work steps at run time, feeding the step named <see cref="Feeds"/>.</param>
internal sealed record WorkInput(int Value = 1, int Millis = 0, int FailAttempts = 0, bool Permanent = false, string? Budget = null,
    double? BudgetDeadlineSeconds = null, bool CpuFallback = false, double FfmpegSeconds = 0, int FanOut = 0, int FanOutParallel = 2,
    string? Feeds = null, double PartFfmpegSeconds = 0);

internal sealed record WorkResult(int Value, bool OnCpu);

internal sealed record GatherResult(int Total, int Count);

internal static class ProbeJobs
{
    public static readonly JobKind<WorkInput, WorkResult> Work = new(ProbeModule.ModuleName, "work");
    public static readonly JobKind<WorkInput, WorkResult> MediaWork = new(ProbeModule.ModuleName, "media-work", JobQueues.Media);
    public static readonly JobKind<WorkInput, GatherResult> Gather = new(ProbeModule.ModuleName, "gather");
}

/// <summary>A probe step: counts its runs in <c>probe.step_runs</c>, then does what its input says.</summary>
internal sealed class WorkStep(NpgsqlDataSource dataSource, FfmpegRunner ffmpeg, GilgameshOptions options) : IJobHandler<WorkInput, WorkResult>
{
    private const string CountRunSql = """
        insert into probe.step_runs (job_id, pipeline_id, step_name, runs) values (@JobId, @PipelineId, @StepName, 1)
        on conflict (job_id) do update set runs = probe.step_runs.runs + 1
        """;

    public async Task<WorkResult> ExecuteAsync(WorkInput input, JobContext context, CancellationToken ct)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            await connection.ExecuteAsync(CountRunSql, new { context.JobId, context.PipelineId, context.Job.StepName });
        if (context.Job.Attempts <= input.FailAttempts)
        {
            if (input.Permanent) throw new GilgameshException("probe.step_failed", $"step failed on attempt {context.Job.Attempts}", 422);
            throw new IOException($"simulated transient failure on attempt {context.Job.Attempts}");
        }

        var onCpu = false;
        if (input.Budget is { } budget)
        {
            var deadline = input.BudgetDeadlineSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            await using var lease = await context.AcquireAsync(budget, deadline, ct);
            if (lease is null)
            {
                if (!input.CpuFallback) throw new GilgameshException("probe.no_budget", $"no {budget} lease in time", 503);
                onCpu = true;
                context.Progress.Log($"no {budget} session free within {input.BudgetDeadlineSeconds} s; falling back to CPU", "warning");
            }
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                await connection.ExecuteAsync("update probe.step_runs set lease_from = clock_timestamp(), on_cpu = @onCpu where job_id = @JobId",
                    new { context.JobId, onCpu });
            await WaitAsync(input.Millis, context, ct);
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                await connection.ExecuteAsync("update probe.step_runs set lease_to = clock_timestamp() where job_id = @JobId", new { context.JobId });
        }
        else
        {
            await WaitAsync(input.Millis, context, ct);
        }

        if (input.FfmpegSeconds > 0)
        {
            // In the data dir's scratch, so a test finds this step's ffmpeg by the data dir on its command line.
            using var scratch = ScratchDirectory.Create(options, "probe-step");
            var arguments = "-re " + GeneratedClipArguments.Build(scratch.File("step.mp4"), new GeneratedClipSpec(MediaTime.FromSeconds(input.FfmpegSeconds)));
            await ffmpeg.RunAsync(arguments, new FfmpegRunOptions(input.FfmpegSeconds, context.Progress), ct);
        }

        if (input.FanOut > 0)
            await context.FanOutAsync(ProbeJobs.Work, [.. Enumerable.Range(1, input.FanOut).Select(i => new WorkInput(Value: i, Millis: input.Millis, FfmpegSeconds: input.PartFfmpegSeconds))],
                new FanOut("part", input.FanOutParallel, [input.Feeds ?? "gather"]), ct);
        return new WorkResult(input.Value, onCpu);
    }

    private static async Task WaitAsync(int millis, JobContext context, CancellationToken ct)
    {
        if (millis <= 0) return;
        const int Slices = 10;
        for (var i = 1; i <= Slices; i++)
        {
            await Task.Delay(millis / Slices, ct);
            context.Progress.Report((double)i / Slices, "working");
        }
    }
}

/// <summary>The fan-in: sums every work dependency's result; its side effect (a counter per pipeline) must happen once.</summary>
internal sealed class GatherStep(NpgsqlDataSource dataSource) : IJobHandler<WorkInput, GatherResult>
{
    private const string CountSql = """
        insert into probe.fan_in (pipeline_id, runs, total) values (@PipelineId, 1, @Total)
        on conflict (pipeline_id) do update set runs = probe.fan_in.runs + 1
        """;

    public async Task<GatherResult> ExecuteAsync(WorkInput input, JobContext context, CancellationToken ct)
    {
        var results = context.ResultsOf(ProbeJobs.Work).Concat(context.ResultsOf(ProbeJobs.MediaWork)).ToList();
        var total = results.Sum(r => r.Value);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(CountSql, new { context.PipelineId, Total = total });
        return new GatherResult(total, results.Count);
    }
}
