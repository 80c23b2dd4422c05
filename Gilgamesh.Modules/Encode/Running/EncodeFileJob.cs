using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>The platform job that encodes one catalogued file (thin: <see cref="FileEncoder"/> does the work).</summary>
internal sealed class EncodeFileJob(FileEncoder encoder) : IJobHandler
{
    public const string KindName = "file";

    public string Module => EncodeModule.ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var input = context.GetInput<EncodeFileInput>();
        var progress = new Progress01(context.Progress);
        context.Result = await encoder.ProcessAsync(input.FileId, progress, cancellationToken);
    }

    // The platform's job progress is 0–100 until feat/jobs makes it 0–1; the encoder reports 0–1 already.
    private sealed class Progress01(JobProgress progress) : IProgress<double>
    {
        public void Report(double value) => progress.Report(value * 100);
    }
}
