using System.Globalization;
using System.Text.Json;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Pipeline;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>Render clip <paramref name="ClipId"/> as it stood at <paramref name="Revision"/> (an edit makes a new revision).</summary>
internal sealed record RenderClipInput(Guid HighlightId, Guid ClipId, int Revision);

/// <summary>What a render did: <see cref="Outcome"/> is <c>rendered</c>, <c>already rendered</c>, <c>superseded</c> (edited since) or <c>no video</c>.</summary>
internal sealed record RenderClipResult(Guid ClipId, int Revision, string Outcome, string? VideoKey);

/// <summary>
/// One clip's render (a pipeline step fanned out by <c>content</c>, or a lone job after an edit). Idempotent: a clip
/// already rendered at this revision is left alone, a clip edited since is skipped (its own render is queued), and the
/// files land under keys named by rank and revision, recorded only if the revision still stands.
/// </summary>
internal sealed class RenderClipStep(HighlightRequests requests, HighlightMedia media, IMediaLibrary library, MediaProbe probe, ClipStore clips,
    LayoutStore layouts, TranscriptWordStore words, HighlightJobStore jobs, ClipRenderer renderer, IObjectStore store, GilgameshOptions host,
    ProcessingLogStore log) : IJobHandler<RenderClipInput, RenderClipResult>
{
    public Task<RenderClipResult> ExecuteAsync(RenderClipInput input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "render", context, async (job, options) =>
        {
            var clip = await clips.GetAsync(input.ClipId, ct);
            if (clip is null || clip.Revision != input.Revision)
                return new RenderClipResult(input.ClipId, input.Revision, "superseded", null);
            if (clip is { Status: "rendered", VideoKey: { } done } && await store.ExistsAsync(done, ct))
                return new RenderClipResult(clip.Id, clip.Revision, "already rendered", done);
            await clips.MarkRenderingAsync(clip.Id, clip.Revision, ct);

            using var scratch = ScratchDirectory.Create(host, "highlights-render");
            context.Progress.Stage("fetching media");
            var original = context.PipelineId is null
                ? await CopyOriginalAsync(job.MediaId, scratch.File("original"), ct)
                : await media.LocalOriginalAsync(job.Id, job.MediaId, ct);
            var source = HighlightJobStore.SourceOf(job) ?? SourceFacts.From(await probe.ProbeAsync(original, ct));
            if (!source.HasVideo)
            {
                await log.AppendAsync(job.Id, "render", "warning", $"clip {clip.Rank}: the media has no video; nothing to render", ct);
                return new RenderClipResult(clip.Id, clip.Revision, "no video", null);
            }

            var cues = options.Subtitles == "none" ? [] : ClipCues.For(await words.ListAsync(job.Id, ct), clip.StartS, clip.EndS);
            var spec = new ClipRenderSpec(clip.StartS, clip.EndS, options.Aspect, options.Subtitles, options.Language, cues);
            var rendered = await renderer.RenderAsync(original, source, spec, await layouts.SegmentsAsync(job.Id, ct), scratch.Path,
                context.Progress.Part(0.05, 0.95), ct);

            context.Progress.Stage("storing");
            var stem = string.Create(CultureInfo.InvariantCulture, $"highlights/{job.OwnerId:N}/{job.Id:N}/clip-{clip.Rank:00}-r{clip.Revision}");
            await store.PutLocalFileAsync(stem + ".mp4", rendered.Video, "video/mp4", null, ct);
            await store.PutLocalFileAsync(stem + ".jpg", rendered.Thumbnail, "image/jpeg", null, ct);
            if (rendered.Subtitles is { } vtt) await store.PutLocalFileAsync(stem + ".vtt", vtt, "text/vtt", null, ct);
            var subtitlesKey = rendered.Subtitles is null ? null : stem + ".vtt";
            if (!await clips.SetRenderedAsync(clip.Id, clip.Revision, stem + ".mp4", stem + ".jpg", subtitlesKey, ct))
                return new RenderClipResult(clip.Id, clip.Revision, "superseded", null);
            await log.AppendAsync(job.Id, "render", "info",
                string.Create(CultureInfo.InvariantCulture, $"clip {clip.Rank} (revision {clip.Revision}, {clip.StartS:0.00}–{clip.EndS:0.00} s): {rendered.FramingNote}, {cues.Count} cues"), ct);
            if (context.PipelineId is null) await jobs.SetStatusAsync(job.Id, "succeeded", null, null, null, null, ct);
            return new RenderClipResult(clip.Id, clip.Revision, "rendered", stem + ".mp4");
        }, ct);

    private async Task<string> CopyOriginalAsync(Guid mediaId, string path, CancellationToken ct)
    {
        await using var source = await library.OpenReadAsync(mediaId, ct);
        await using var target = File.Create(path);
        await source.CopyToAsync(target, ct);
        return path;
    }
}
