using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>
/// Stage 1, the four analyses at once with the existing engines: silence; transcript (the speech engine when
/// a model is installed, else the captions given with the request, else none); layout; slide changes (the
/// scene engine in slides mode) with OCR of each slide at its middle. Each reports a quarter of the progress.
/// </summary>
internal sealed class StageOneAnalyses(SilenceDetector silence, ISpeechTranscriber speech, LayoutEngine layout, SceneDetector scenes,
    OcrEngine ocr, MediaProbe probe)
{
    public async Task<StageOneResult> RunAsync(string file, HighlightOptions options, IProgress<double> progress, CancellationToken ct)
    {
        var info = await probe.ProbeAsync(file, ct);
        var parts = new double[4];
        IProgress<double> Part(int i) => new Progress<double>(p =>
        {
            lock (parts)
            {
                parts[i] = Math.Clamp(p, 0, 1);
                progress.Report(parts.Sum() / parts.Length);
            }
        });

        var silenceTask = info.PrimaryAudio is null ? Task.FromResult<SilenceResult?>(null) : DetectSilenceAsync(file, Part(0), ct);
        var transcriptTask = TranscriptAsync(file, options, info.PrimaryAudio is not null, Part(1), ct);
        var hasVideo = info.PrimaryVideo is not null;
        var layoutTask = hasVideo ? LayoutAsync(file, Part(2), ct) : Task.FromResult<LayoutResult?>(null);
        var slidesTask = hasVideo ? SlidesAsync(file, Part(3), ct) : Task.FromResult<IReadOnlyList<LectureSlide>>([]);
        await Task.WhenAll(silenceTask, transcriptTask, layoutTask, slidesTask);
        var (transcript, note) = await transcriptTask;
        return new StageOneResult(info.DurationSeconds, await silenceTask, transcript, note, await slidesTask, await layoutTask);
    }

    private async Task<SilenceResult?> DetectSilenceAsync(string file, IProgress<double> progress, CancellationToken ct) =>
        await silence.DetectAsync(file, new SilenceOptions(), progress, ct);

    private async Task<LayoutResult?> LayoutAsync(string file, IProgress<double> progress, CancellationToken ct) =>
        await layout.RunAsync(file, new LayoutOptions(), progress, ct);

    private async Task<(Transcript? Transcript, string Note)> TranscriptAsync(string file, HighlightOptions options, bool hasAudio, IProgress<double> progress, CancellationToken ct)
    {
        try
        {
            if (hasAudio && speech.IsAvailable)
                return (await speech.TranscribeAsync(file, new SpeechOptions(options.Language), progress, ct), "speech engine: " + speech.Status);
            if (options.Captions is { } captions)
                return (Captions.Parse(captions, HighlightOptions.CaptionFormatOf(captions)), "captions supplied with the request (no speech model: " + speech.Status + ")");
            return (null, "no transcript: no speech model (" + speech.Status + ") and no captions supplied");
        }
        finally
        {
            progress.Report(1);
        }
    }

    /// <summary>Slide changes, then one OCR reading in the middle of each slide; its first line is the title.</summary>
    private async Task<IReadOnlyList<LectureSlide>> SlidesAsync(string file, IProgress<double> progress, CancellationToken ct)
    {
        var detected = await scenes.DetectAsync(file, new SceneOptions(SceneMode.Slides), new Progress<double>(p => progress.Report(p * 0.7)), ct);
        var spans = detected.Scenes.Where(s => s.End > s.Start).ToList();
        if (spans.Count == 0) return [];
        var middles = spans.Select(s => (s.Start + s.End) / 2).ToList();
        var read = await ocr.RunAsync(file, new OcrOptions { Times = middles, IncludeFrames = true }, new Progress<double>(p => progress.Report(0.7 + p * 0.3)), ct);
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
