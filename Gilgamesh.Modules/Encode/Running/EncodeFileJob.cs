using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Encode.Running;

internal sealed record EncodeFileInput(Guid FileId);

/// <summary>Job <c>encode/file</c> (media queue): encodes one catalogued file (thin: <see cref="FileEncoder"/> does the work).</summary>
internal sealed class EncodeFileJob(FileEncoder encoder) : IJobHandler<EncodeFileInput, EncodeResult>
{
    // No budget in Needs: an NVENC encode holds a gpu0 session lease instead of a CPU slot, and which one a file gets
    // is decided inside the run (EncoderChooser: a lease free right now, else the CPU).
    public static readonly JobKind<EncodeFileInput, EncodeResult> Kind = new(EncodeModule.ModuleName, "file", JobQueues.Media);

    public Task<EncodeResult> ExecuteAsync(EncodeFileInput input, JobContext context, CancellationToken cancellationToken) =>
        encoder.ProcessAsync(input.FileId, context.Progress, cancellationToken, context.JobId);
}
