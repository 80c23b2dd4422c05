using System.Text.Json;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Pipelines;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// What a handler gets for one run: the job's identity, progress (0–1), its logger (whose lines also go to
/// the job's log), budgets, and — when the job is a pipeline step — its dependencies' typed results and
/// the means to add steps at run time.
/// </summary>
public sealed class JobContext
{
    private readonly IReadOnlyList<StepOutcome> _dependencies;
    private readonly IBudgets _budgets;
    private readonly PipelineStore _pipelines;

    internal JobContext(JobRecord job, JobProgress progress, ILogger logger, IReadOnlyList<StepOutcome> dependencies,
        IBudgets budgets, PipelineStore pipelines)
    {
        Job = job;
        Progress = progress;
        Logger = logger;
        _dependencies = dependencies;
        _budgets = budgets;
        _pipelines = pipelines;
    }

    public JobRecord Job { get; }
    public Guid JobId => Job.Id;
    public IJobProgress Progress { get; }
    public ILogger Logger { get; }

    /// <summary>The pipeline this job is a step of; null for a plain job.</summary>
    public Guid? PipelineId => Job.ParentId;

    /// <summary>The result of the dependency step named <paramref name="stepName"/> (which must have succeeded).</summary>
    public TResult ResultOf<TResult>(string stepName)
    {
        var step = _dependencies.SingleOrDefault(d => d.StepName == stepName)
            ?? throw new InvalidOperationException($"Step '{Job.StepName}' does not depend on '{stepName}'");
        return Read<TResult>(step);
    }

    /// <summary>The result of the one dependency of kind <paramref name="kind"/>.</summary>
    public TResult ResultOf<TInput, TResult>(JobKind<TInput, TResult> kind) => Read<TResult>(
        _dependencies.SingleOrDefault(d => d.Kind == kind.Key)
        ?? throw new InvalidOperationException($"Step '{Job.StepName}' has no single dependency of kind {kind.Key}"));

    /// <summary>The results of every succeeded dependency of kind <paramref name="kind"/>, in step order (fan-in after a fan-out).</summary>
    public IReadOnlyList<TResult> ResultsOf<TInput, TResult>(JobKind<TInput, TResult> kind) =>
        [.. _dependencies.Where(d => d.Kind == kind.Key && d.Status == JobStatus.Succeeded).Select(Read<TResult>)];

    /// <summary>Whether a dependency succeeded (an optional one may have failed; its error is in its own row).</summary>
    public bool Succeeded(string stepName) =>
        _dependencies.Any(d => d.StepName == stepName && d.Status == JobStatus.Succeeded);

    /// <summary>
    /// Leases one unit of a shared budget (e.g. <c>gpu0</c>); while it waits the job's stage reads
    /// "waiting for gpu0". Null when none was free within <paramref name="deadline"/>: fall back (e.g. to CPU)
    /// where the module allows, and say so in the log. Dispose the lease when done.
    /// </summary>
    public async Task<BudgetLease?> AcquireAsync(string budget, TimeSpan? deadline, CancellationToken ct)
    {
        var progress = (JobProgress)Progress;
        var previous = progress.CurrentStage;
        progress.Stage("waiting for " + budget);
        var lease = await _budgets.AcquireAsync(budget, JobId, deadline, ct);
        progress.Log(lease is null
            ? $"no {budget} lease within {deadline?.TotalSeconds:0.#} s"
            : $"leased {budget} after {lease.WaitedSeconds:0.###} s", lease is null ? "warning" : "info");
        if (previous is not null) progress.Stage(previous);
        return lease;
    }

    /// <summary>
    /// Adds one step per input to this job's pipeline (a fan-out over a list known only now). They start when
    /// this step has succeeded, at most <see cref="FanOut.MaxParallel"/> at once; the steps named in
    /// <see cref="FanOut.Feeds"/> wait for all of them. Idempotent: a retried step adds nothing twice.
    /// </summary>
    public Task FanOutAsync<TInput, TResult>(JobKind<TInput, TResult> kind, IReadOnlyList<TInput> inputs, FanOut fanOut, CancellationToken ct)
    {
        if (Job.ParentId is null) throw new InvalidOperationException("Only a pipeline step can fan out");
        return _pipelines.FanOutAsync(Job, kind, inputs.Cast<object?>().ToList(), fanOut, ct);
    }

    private static TResult Read<TResult>(StepOutcome step)
    {
        if (step.Status != JobStatus.Succeeded)
            throw new InvalidOperationException($"Dependency '{step.StepName}' did not succeed ({step.Status}); check Succeeded() first for optional steps");
        return step.Result is { } json ? json.Deserialize<TResult>(JobJson.Options)! : default!;
    }
}

/// <summary>A dependency of a step as the step sees it when it starts.</summary>
internal sealed record StepOutcome(string StepName, string Kind, string Status, JsonElement? Result);

internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
