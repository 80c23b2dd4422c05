using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// How a queued file becomes work: a platform job of kind <see cref="EncodeFileJob.Kind"/> per file. One seam, so
/// moving to a pipeline per library (or GPU budget leases per step) changes only this file.
/// </summary>
internal interface IEncodeQueue
{
    Task EnqueueAsync(Guid fileId, string? ownerId, CancellationToken ct);
}

internal sealed class JobSchedulerEncodeQueue(IJobScheduler scheduler, Catalog.CatalogStore catalog) : IEncodeQueue
{
    public async Task EnqueueAsync(Guid fileId, string? ownerId, CancellationToken ct)
    {
        var name = (await catalog.GetAsync(fileId, ct))?.Path is { } path ? Path.GetFileName(path) : fileId.ToString();
        await scheduler.EnqueueAsync(EncodeFileJob.Kind, new EncodeFileInput(fileId), new JobOptions(ownerId, $"encode · {name}"), ct);
    }
}
