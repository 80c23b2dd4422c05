using Hangfire;
using Hangfire.States;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Modules start jobs here: a row in <c>platform.jobs</c> plus a Hangfire job that carries only its id.</summary>
public interface IJobScheduler
{
    Task<JobRecord> EnqueueAsync(JobRequest request, CancellationToken ct = default);
}

internal sealed class JobScheduler(JobStore store, IBackgroundJobClient hangfire) : IJobScheduler
{
    public async Task<JobRecord> EnqueueAsync(JobRequest request, CancellationToken ct = default)
    {
        if (!JobQueues.All.Contains(request.Queue))
            throw new ArgumentException($"Unknown queue '{request.Queue}'", nameof(request));
        var id = Guid.CreateVersion7();
        var job = await store.InsertAsync(id, request, ct);
        // Hangfire replaces CancellationToken.None with the worker's token (shutdown or deletion).
        var hangfireId = hangfire.Create<JobExecutor>(x => x.RunAsync(id, CancellationToken.None), new EnqueuedState(request.Queue));
        await store.SetHangfireJobIdAsync(id, hangfireId);
        return job with { HangfireJobId = hangfireId };
    }
}
