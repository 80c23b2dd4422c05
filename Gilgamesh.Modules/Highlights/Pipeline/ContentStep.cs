using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Highlights.Render;
using Gilgamesh.Modules.Kernel.Pipelines;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>What stage 2 chose: how many clips, from which transcript source, by which analyzer.</summary>
internal sealed record ContentStepResult(int Clips, string TranscriptSource, string Analyzer);

/// <summary>
/// Stage 2, the fan-in (the kernel starts it once, after all four stage-1 steps): content analysis and selection
/// (<see cref="StageTwoContent"/>), then one <c>render</c> step per clip, all feeding <c>finish</c>. The fan-out is
/// idempotent in the kernel, and clips are rewritten whole before it, so a retry leaves one set and one render each.
/// </summary>
internal sealed class ContentStep(HighlightRequests requests, StageTwoContent stageTwo, HighlightJobStore jobs, IMediaLibrary library, HighlightsOptions settings)
    : IJobHandler<HighlightRef, ContentStepResult>
{
    public Task<ContentStepResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "content", context, async (job, options) =>
        {
            var silence = context.ResultOf(HighlightSteps.Silence).Silence;
            var transcript = context.ResultOf(HighlightSteps.Transcript);
            var slides = context.ResultOf(HighlightSteps.Slides).Slides;
            var duration = (await library.GetAsync(job.MediaId, ct))?.DurationSeconds ?? silence.DurationSeconds;
            context.Progress.Stage("content analysis and selection");
            var (source, analyzer, clips) = await stageTwo.RunAsync(job.Id, options, duration, silence, transcript, slides,
                context.Progress.Part(0, 0.95), context.JobId, ct);
            await jobs.SetStatusAsync(job.Id, "running", source, analyzer, null, null, ct);
            context.Progress.Log($"{clips.Count} clips chosen by the {analyzer} analyzer from the {source} transcript");
            await context.FanOutAsync(HighlightSteps.Render, [.. clips.Select(c => new RenderClipInput(job.Id, c.Id, c.Revision))],
                new FanOut("render", Math.Max(1, settings.ParallelRenders), [HighlightSteps.Finish.Name], Weight: 2), ct);
            return new ContentStepResult(clips.Count, source, analyzer);
        }, ct);
}
