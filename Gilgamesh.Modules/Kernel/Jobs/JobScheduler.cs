using Gilgamesh.Modules.Kernel.Pipelines;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Modules start jobs and pipelines here: rows in <c>platform.jobs</c> plus Hangfire jobs that carry only ids.</summary>
public interface IJobScheduler
{
    /// <summary>Enqueues one job of a registered kind.</summary>
    Task<JobRecord> EnqueueAsync<TInput, TResult>(JobKind<TInput, TResult> kind, TInput input, JobOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Starts a pipeline: its parent row and every step row in one transaction; steps without dependencies
    /// are enqueued at once, the others when all they depend on have succeeded. Returns the parent job.
    /// </summary>
    Task<JobRecord> StartPipelineAsync(PipelinePlan plan, JobOptions? options = null, CancellationToken ct = default);
}

internal sealed class JobScheduler(JobStore store, PipelineStore pipelines, JobLauncher launcher, IEnumerable<JobKind> kinds) : IJobScheduler
{
    private readonly HashSet<string> _registered = [.. kinds.Select(k => k.Key)];

    public async Task<JobRecord> EnqueueAsync<TInput, TResult>(JobKind<TInput, TResult> kind, TInput input, JobOptions? options = null, CancellationToken ct = default)
    {
        options ??= new JobOptions();
        Check(kind, options.Queue);
        var id = Guid.CreateVersion7();
        var job = await store.InsertAsync(id, kind, input, options, ct);
        var hangfireId = launcher.Create(id, job.DisplayName, job.Queue);
        await store.SetHangfireJobIdAsync(id, hangfireId);
        return job with { HangfireJobId = hangfireId };
    }

    public Task<JobRecord> StartPipelineAsync(PipelinePlan plan, JobOptions? options = null, CancellationToken ct = default)
    {
        if (plan.Steps.Count == 0) throw new ArgumentException("A pipeline has at least one step", nameof(plan));
        foreach (var step in plan.Steps) Check(step.Kind, null);
        return pipelines.StartAsync(plan, options ?? new JobOptions(), ct);
    }

    private void Check(JobKind kind, string? queue)
    {
        if (!JobQueues.All.Contains(queue ?? kind.Queue))
            throw new ArgumentException($"Unknown queue '{queue ?? kind.Queue}'", nameof(kind));
        if (!_registered.Contains(kind.Key))
            throw new ArgumentException($"No handler is registered for job kind {kind.Key}", nameof(kind));
    }
}
