using Hangfire;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs.Recovery;
using Gilgamesh.Modules.Kernel.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The one Hangfire entry point for every job. It takes only the job id (and its readable name, for the
/// console), checks the state row before working (so Hangfire retries and duplicate pickups are safe), runs
/// the kind's handler with a token that fires on cancel requests from any instance, and records the outcome.
/// </summary>
public sealed class JobExecutor(
    JobStore store,
    PipelineStore pipelines,
    IServiceProvider services,
    JobCancellationRegistry cancellations,
    NpgsqlDataSource dataSource,
    IBudgets budgets,
    InstanceIdentity instance,
    JobsOptions options,
    JobMeters meters,
    ILoggerFactory loggerFactory,
    TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Gilgamesh.Jobs");

    [JobDisplayName("{1}")]
    public async Task RunAsync(Guid jobId, string name, CancellationToken workerToken)
    {
        var job = await store.TryStartAsync(jobId, instance.Id, options.InstanceTimeout, workerToken);
        if (job is null)
        {
            var current = await store.GetAsync(jobId, workerToken);
            if (current is { CancelRequested: true, Status: JobStatus.Queued }) await store.MarkCancelledAsync(jobId);
            _logger.LogDebug("Job {JobId} is {Status}; nothing to run", jobId, current?.Status ?? "missing");
            return;
        }

        // Every line logged during the run (the handler, ffmpeg, engines) carries the job's id and module.
        using var logScope = _logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["Module"] = job.Module, ["JobKind"] = job.Kind });
        await using var scope = services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetKeyedService<IJobRunner>(job.Module + "/" + job.Kind);
        using var cancellation = cancellations.Register(jobId, workerToken);
        var progress = new JobProgress(jobId, job.ParentId, job.Stage, job.Percent, dataSource, _logger, time);
        var started = time.GetTimestamp();
        var leases = new List<BudgetLease>();
        try
        {
            using (JobLogCapture.Begin(progress))
            {
                if (runner is null)
                    throw new GilgameshException("job.unknown_kind", $"No handler for {job.Module}/{job.Kind} in this build", 400);
                _logger.LogInformation("Job {JobId} ({Module}/{JobKind}) started, attempt {Attempt} on {Instance}: {Name}",
                    job.Id, job.Module, job.Kind, job.Attempts, instance.Id, job.DisplayName);
                var context = new JobContext(job, progress, _logger,
                    job.ParentId is null ? [] : await pipelines.GetDependenciesAsync(jobId, cancellation.Token), budgets, pipelines);
                foreach (var need in runner.Kind.Needs)
                    if (await context.AcquireAsync(need, null, cancellation.Token) is { } lease) leases.Add(lease);
                var result = await runner.RunAsync(job.Input, context, cancellation.Token);
                _logger.LogInformation("succeeded in {Seconds:0.###} s", time.GetElapsedTime(started).TotalSeconds);
                await progress.DisposeAsync();
                await store.SucceedAsync(jobId, result);
                meters.StepFinished(job, time.GetElapsedTime(started), JobStatus.Succeeded);
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled by a user (from any instance, or by deleting the job in the Hangfire console, which
            // sets cancel_requested) – or the server is shutting down, and Hangfire will run the job again.
            if (workerToken.IsCancellationRequested && !await IsCancelRequestedAsync(jobId))
            {
                await progress.DisposeAsync();
                await store.MarkInterruptedAsync(jobId, "interrupted by shutdown");
                throw;
            }
            progress.Log("cancelled", "warning");
            await progress.DisposeAsync();
            await store.MarkCancelledAsync(jobId);
            meters.StepFinished(job, time.GetElapsedTime(started), JobStatus.Cancelled);
            _logger.LogInformation("Job {JobId} cancelled", job.Id);
        }
        catch (GilgameshException e)
        {
            progress.Log($"{e.Code}: {e.Message}", "error");
            await progress.DisposeAsync();
            var permanent = e.StatusCode < 500;
            await store.RecordErrorAsync(jobId, e.Code, e.Message, permanent);
            _logger.LogWarning(e, "Job {JobId} failed with {Code}", job.Id, e.Code);
            if (permanent)
            {
                meters.StepFinished(job, time.GetElapsedTime(started), JobStatus.Failed);
                throw new PermanentJobFailureException(e);
            }
            throw;
        }
        catch (Exception e)
        {
            progress.Log($"{ErrorCodes.Internal}: {e.GetType().Name}: {e.Message}", "error");
            await progress.DisposeAsync();
            await store.RecordErrorAsync(jobId, ErrorCodes.Internal, e.Message, permanent: false);
            _logger.LogError(e, "Job {JobId} failed", job.Id);
            throw;
        }
        finally
        {
            foreach (var lease in leases) await lease.DisposeAsync();
            cancellations.Unregister(jobId);
        }
    }

    private async Task<bool> IsCancelRequestedAsync(Guid jobId) =>
        (await store.GetAsync(jobId))?.CancelRequested == true;
}
