using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>The <c>highlights/run</c> job on the media queue: runs <see cref="HighlightPipeline"/> for one request.</summary>
internal sealed class RunHighlightsJob(HighlightPipeline pipeline) : IJobHandler
{
    public const string KindName = "run";

    public string Module => HighlightsModule.ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var input = context.GetInput<RunHighlightsInput>();
        // The kernel's job progress is still 0–100 on main; the pipeline speaks 0–1 (the jobs branch makes the kernel 0–1).
        var progress = new Progress<double>(p => context.Progress.Report(p * 100));
        context.Result = await pipeline.RunAsync(input.HighlightId, progress, stage => context.Progress.Stage(stage), cancellationToken);
    }
}
