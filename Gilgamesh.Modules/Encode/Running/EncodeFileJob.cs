using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Encode.Running;

internal sealed record EncodeFileInput(Guid FileId);

/// <summary>Job <c>encode/file</c> (media queue): encodes one catalogued file (thin: <see cref="FileEncoder"/> does the work).</summary>
internal sealed class EncodeFileJob(FileEncoder encoder) : IJobHandler<EncodeFileInput, EncodeResult>
{
    // No budget in Needs: an NVENC encode holds a GPU session lease (GpuSessions) instead of a CPU slot, and which
    // one a file gets is decided inside the run. Moving GpuSessions onto BudgetNames.Gpu(n) leases is the next step.
    public static readonly JobKind<EncodeFileInput, EncodeResult> Kind = new(EncodeModule.ModuleName, "file", JobQueues.Media);

    public Task<EncodeResult> ExecuteAsync(EncodeFileInput input, JobContext context, CancellationToken cancellationToken) =>
        encoder.ProcessAsync(input.FileId, context.Progress, cancellationToken);
}
