using System.Text.Json;
using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>The overall layout and how many stretches it has; the stretches themselves are in <c>highlights.layouts</c>.</summary>
internal sealed record LayoutStepResult(string Layout, int Segments);

/// <summary>
/// Stage 1: slide and camera regions over time (the layout engine), written to <c>highlights.layouts</c> for the renders,
/// and the original's facts (size, frame rate, audio) for the renders and the timeline exports.
/// </summary>
internal sealed class LayoutStep(HighlightRequests requests, HighlightMedia media, MediaProbe probe, LayoutEngine engine, LayoutStore layouts, HighlightJobStore jobs)
    : IJobHandler<HighlightRef, LayoutStepResult>
{
    public const string NoVideo = "no-video";

    public Task<LayoutStepResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "layout", context, async (job, _) =>
        {
            context.Progress.Stage("fetching media");
            var file = await media.LocalOriginalAsync(job.Id, job.MediaId, ct);
            var info = await probe.ProbeAsync(file, ct);
            await jobs.SetSourceAsync(job.Id, SourceFacts.From(info), ct);
            if (info.PrimaryVideo is null)
            {
                await layouts.UpsertAsync(job.Id, NoVideo, "[]", ct);
                return new LayoutStepResult(NoVideo, 0);
            }
            context.Progress.Stage("layout");
            var found = await engine.RunAsync(file, new LayoutOptions(), context.Progress.Part(0.05, 1), ct);
            await layouts.UpsertAsync(job.Id, found.Layout, JsonSerializer.Serialize(found.Segments, JobJson.Options), ct);
            context.Progress.Log($"layout {found.Layout}, {found.Segments.Count} stretches");
            return new LayoutStepResult(found.Layout, found.Segments.Count);
        }, ct);
}
