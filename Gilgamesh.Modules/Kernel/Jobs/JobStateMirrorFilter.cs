using Gilgamesh.Modules.Kernel.Errors;
using Hangfire.States;
using Hangfire.Storage;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Keeps <c>platform.jobs</c> true to what operators do in the Hangfire console and to Hangfire's own
/// retries: a retry scheduled or a requeue → queued, attempts exhausted → failed, deleted → cancelled.
/// </summary>
internal sealed class JobStateMirrorFilter(JobStore store, JobsOptions options) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.BackgroundJob.Job?.Type != typeof(JobExecutor) || context.BackgroundJob.Job.Args is not [Guid jobId, ..])
            return;

        Task work = context.NewState switch
        {
            FailedState failed => store.MarkFailedAsync(jobId, CodeOf(failed.Exception), failed.Exception?.Message),
            ScheduledState scheduled => store.MarkRequeuedAsync(jobId, $"retrying at {scheduled.EnqueueAt:HH:mm:ss} UTC"),
            EnqueuedState when context.OldStateName is not null => store.MarkRequeuedAsync(jobId, null),
            DeletedState => CancelAsync(jobId),
            _ => Task.CompletedTask,
        };
        // Hangfire's filter API is synchronous.
        work.GetAwaiter().GetResult();
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    private async Task CancelAsync(Guid jobId)
    {
        var job = await store.RequestCancelAsync(jobId, CancellationToken.None);
        // Queued, or orphaned by a dead instance: nobody will notice the cancel request, so it ends here.
        if (job?.Status == JobStatus.Queued || await store.IsOrphanAsync(jobId, options.InstanceTimeout, CancellationToken.None))
            await store.MarkCancelledAsync(jobId);
    }

    private static string CodeOf(Exception? exception) => exception switch
    {
        PermanentJobFailureException permanent => permanent.Code,
        GilgameshException known => known.Code,
        _ => ErrorCodes.Internal,
    };
}
