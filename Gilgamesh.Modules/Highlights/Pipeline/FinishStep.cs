using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>After every clip is rendered: the request succeeds and its local copy of the original goes.</summary>
internal sealed class FinishStep(HighlightRequests requests, HighlightJobStore jobs, HighlightMedia media, ClipStore clips, ProcessingLogStore log)
    : IJobHandler<HighlightRef, HighlightRunResult>
{
    public Task<HighlightRunResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "finish", context, async (job, _) =>
        {
            var content = context.ResultOf(HighlightSteps.Content);
            var rendered = (await clips.ListAsync(job.Id, ct)).Count(c => c.Status == "rendered");
            media.Remove(job.Id);
            await log.AppendAsync(job.Id, "finish", "info", $"{rendered} of {content.Clips} clips rendered", ct);
            await jobs.SetStatusAsync(job.Id, "succeeded", content.TranscriptSource, content.Analyzer, null, null, ct);
            return new HighlightRunResult(job.Id, content.Clips, content.TranscriptSource, content.Analyzer);
        }, ct);
}
