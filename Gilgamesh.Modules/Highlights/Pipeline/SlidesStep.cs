using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>Every slide showing with its OCR text (first line: the title).</summary>
internal sealed record SlidesStepResult(IReadOnlyList<LectureSlide> Slides);

/// <summary>Stage 1: slide changes (the scene engine in slides mode), then one OCR reading in the middle of each slide.</summary>
internal sealed class SlidesStep(HighlightRequests requests, HighlightMedia media, MediaProbe probe, SceneDetector scenes, OcrEngine ocr, ProcessingLogStore log)
    : IJobHandler<HighlightRef, SlidesStepResult>
{
    public Task<SlidesStepResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "slides", context, async (job, _) =>
        {
            context.Progress.Stage("fetching media");
            var file = await media.LocalOriginalAsync(job.Id, job.MediaId, ct);
            var slides = (await probe.ProbeAsync(file, ct)).PrimaryVideo is null ? [] : await SlidesAsync(file, context.Progress.Part(0.05, 1), ct);
            await log.AppendAsync(job.Id, "slides", "info", $"{slides.Count} slides read", ct);
            return new SlidesStepResult(slides);
        }, ct);

    private async Task<IReadOnlyList<LectureSlide>> SlidesAsync(string file, IJobProgress progress, CancellationToken ct)
    {
        progress.Stage("slide changes");
        var detected = await scenes.DetectAsync(file, new SceneOptions(SceneMode.Slides), progress.Part(0, 0.7), ct);
        var spans = detected.Scenes.Where(s => s.End > s.Start).ToList();
        if (spans.Count == 0) return [];
        progress.Stage("OCR");
        var middles = spans.Select(s => (s.Start + s.End) / 2).ToList();
        var read = await ocr.RunAsync(file, new OcrOptions { Times = middles, IncludeFrames = true }, progress.Part(0.7, 1), ct);
        var slides = new List<LectureSlide>();
        foreach (var span in spans)
        {
            var middle = (span.Start + span.End) / 2;
            var frame = read.Frames.OrderBy(f => Math.Abs(f.Time - middle)).FirstOrDefault();
            var lines = frame?.Blocks.SelectMany(b => b.Lines).OrderBy(l => l.Box.Top).Select(l => l.Text.Trim()).Where(l => l.Length > 0).ToList() ?? [];
            if (lines.Count == 0) continue;
            slides.Add(new LectureSlide(span.Start, span.End, lines[0], string.Join('\n', lines)));
        }
        return slides;
    }
}
