using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>What a finished run reports as its job result.</summary>
internal sealed record HighlightRunResult(Guid Id, int Clips, string TranscriptSource, string Analyzer);

/// <summary>The <c>highlights/run</c> job on the media queue: runs <see cref="HighlightPipeline"/> for one request.</summary>
internal sealed class RunHighlightsJob(HighlightPipeline pipeline) : IJobHandler<RunHighlightsInput, HighlightRunResult>
{
    public static readonly JobKind<RunHighlightsInput, HighlightRunResult> Kind = new(HighlightsModule.ModuleName, "run", JobQueues.Media);

    public Task<HighlightRunResult> ExecuteAsync(RunHighlightsInput input, JobContext context, CancellationToken cancellationToken) =>
        pipeline.RunAsync(input.HighlightId, context.Progress, cancellationToken);
}
