using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// How a queued file becomes work. Today an ordinary platform job per file (<see cref="EncodeFileJob"/>); when the
/// kernel's typed job kinds and GPU budget leases land (feat/jobs) this is the one place that changes.
/// </summary>
internal interface IEncodeQueue
{
    Task EnqueueAsync(Guid fileId, string? ownerId, CancellationToken ct);
}

internal sealed class JobSchedulerEncodeQueue(IJobScheduler scheduler) : IEncodeQueue
{
    public Task EnqueueAsync(Guid fileId, string? ownerId, CancellationToken ct) =>
        scheduler.EnqueueAsync(new JobRequest(EncodeModule.ModuleName, EncodeFileJob.KindName, new EncodeFileInput(fileId), ownerId, JobQueues.Media), ct);
}

internal sealed record EncodeFileInput(Guid FileId);
