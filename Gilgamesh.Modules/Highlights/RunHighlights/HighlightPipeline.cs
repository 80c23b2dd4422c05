using System.Text.Json;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>
/// The run of one highlights request: stage 1 (four analyses at once), then stage 2 (content and selection),
/// as one ordinary job for now. This is the seam that becomes declared pipeline steps when the pipelines
/// kernel lands: each stage already takes only ids and options, rewrites its own tables whole and reports
/// 0–1 progress, so a re-run (Hangfire retry, console requeue) redoes it without duplicates.
/// </summary>
internal sealed class HighlightPipeline(HighlightJobStore jobs, IMediaLibrary library, StageOneAnalyses stageOne, StageTwoContent stageTwo,
    SilenceRegionStore silences, LayoutStore layouts, ProcessingLogStore log, GilgameshOptions host)
{
    public async Task<HighlightRunResult> RunAsync(Guid highlightId, IJobProgress progress, CancellationToken ct)
    {
        var job = await jobs.GetAsync(highlightId, ct) ?? throw new InvalidOperationException($"highlights job {highlightId} is missing");
        var options = JsonSerializer.Deserialize<HighlightOptions>(job.Options, JobJson.Options)!;
        await jobs.SetStatusAsync(highlightId, "running", null, null, null, null, ct);
        try
        {
            using var scratch = ScratchDirectory.Create(host, "highlights");
            var file = scratch.File("original");
            progress.Stage("fetching media");
            await using (var source = await library.OpenReadAsync(job.MediaId, ct))
            await using (var target = File.Create(file))
                await source.CopyToAsync(target, ct);

            progress.Stage("stage 1: silence, transcript, layout, slides");
            var found = await stageOne.RunAsync(file, options, progress.Part(0.05, 0.85), ct);
            await silences.ReplaceAsync(highlightId, found.Silence?.Silences.Select(s => (s.Start, s.End, s.MeanDb)) ?? [], ct);
            if (found.Layout is { } layout)
                await layouts.UpsertAsync(highlightId, layout.Layout, JsonSerializer.Serialize(layout.Segments, JobJson.Options), ct);
            await log.AppendAsync(highlightId, "transcript", "info", found.TranscriptNote, ct);
            await log.AppendAsync(highlightId, "slides", "info", $"{found.Slides.Count} slides read", ct);

            progress.Stage("stage 2: content analysis and selection");
            var (transcriptSource, analyzer, clipCount) = await stageTwo.RunAsync(highlightId, options, found, progress.Part(0.85, 1), ct);
            await jobs.SetStatusAsync(highlightId, "succeeded", transcriptSource, analyzer, null, null, ct);
            return new HighlightRunResult(highlightId, clipCount, transcriptSource, analyzer);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await jobs.SetStatusAsync(highlightId, "failed", null, null, "highlights.failed", e.Message, CancellationToken.None);
            throw;
        }
    }
}
