using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The one Hangfire entry point for every job. It takes only the job id, checks the state row before
/// working (so Hangfire retries and duplicate pickups are safe), runs the module's handler with a token
/// that fires on cancel requests from any instance, and records the outcome.
/// </summary>
public sealed class JobExecutor(
    JobStore store,
    IServiceProvider services,
    JobCancellationRegistry cancellations,
    NpgsqlDataSource dataSource,
    ILoggerFactory loggerFactory,
    TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Gilgamesh.Jobs");

    public async Task RunAsync(Guid jobId, CancellationToken workerToken)
    {
        var job = await store.TryStartAsync(jobId, workerToken);
        if (job is null)
        {
            var current = await store.GetAsync(jobId, workerToken);
            if (current is { CancelRequested: true, Status: JobStatus.Queued }) await store.MarkCancelledAsync(jobId);
            _logger.LogInformation("Job {JobId} is {Status}; nothing to run", jobId, current?.Status ?? "missing");
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["Module"] = job.Module, ["JobKind"] = job.Kind });
        var handler = services.GetServices<IJobHandler>().SingleOrDefault(h => h.Module == job.Module && h.Kind == job.Kind);
        if (handler is null)
        {
            await store.RecordErrorAsync(jobId, "job.unknown_kind", $"No handler for {job.Module}/{job.Kind} in this build", permanent: true);
            throw new PermanentJobFailureException(new GilgameshException("job.unknown_kind", $"No handler for {job.Module}/{job.Kind}"));
        }

        using var cancellation = cancellations.Register(jobId, workerToken);
        var progress = new JobProgress(jobId, job.Stage, job.Percent, dataSource, _logger, time);
        var context = new JobContext(job, progress, _logger);
        try
        {
            _logger.LogInformation("Job {JobId} ({Module}/{JobKind}) started, attempt {Attempt}", job.Id, job.Module, job.Kind, job.Attempts);
            await handler.ExecuteAsync(context, cancellation.Token);
            await progress.DisposeAsync();
            await store.SucceedAsync(jobId, context.Result);
            _logger.LogInformation("Job {JobId} succeeded", job.Id);
        }
        catch (OperationCanceledException)
        {
            await progress.DisposeAsync();
            // Cancelled by a user (from any instance, or by deleting the job in the Hangfire console, which
            // sets cancel_requested) – or the server is shutting down, and Hangfire will run the job again.
            if (workerToken.IsCancellationRequested && !await IsCancelRequestedAsync(jobId))
            {
                await store.MarkInterruptedAsync(jobId, "interrupted by shutdown");
                throw;
            }
            await store.MarkCancelledAsync(jobId);
            _logger.LogInformation("Job {JobId} cancelled", job.Id);
        }
        catch (GilgameshException e)
        {
            await progress.DisposeAsync();
            var permanent = e.StatusCode < 500;
            await store.RecordErrorAsync(jobId, e.Code, e.Message, permanent);
            _logger.LogWarning(e, "Job {JobId} failed with {Code}", job.Id, e.Code);
            if (permanent) throw new PermanentJobFailureException(e);
            throw;
        }
        catch (Exception e)
        {
            await progress.DisposeAsync();
            await store.RecordErrorAsync(jobId, ErrorCodes.Internal, e.Message, permanent: false);
            _logger.LogError(e, "Job {JobId} failed", job.Id);
            throw;
        }
        finally
        {
            cancellations.Unregister(jobId);
        }
    }

    private async Task<bool> IsCancelRequestedAsync(Guid jobId) =>
        (await store.GetAsync(jobId))?.CancelRequested == true;
}
