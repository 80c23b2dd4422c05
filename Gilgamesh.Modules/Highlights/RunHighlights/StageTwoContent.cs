using System.Text.Json;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Selection;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>
/// Stage 2, after all of stage 1: content analysis (local and explainable) and selection, written whole
/// (transcript, chapters and candidates, clips), so a retry leaves one set. The LLM analyzer is not built yet:
/// asking for it runs the local analyzer and says so in the log.
/// </summary>
internal sealed class StageTwoContent(TranscriptSegmentStore segments, TranscriptWordStore words, ContentSegmentStore content, ClipStore clips,
    ProcessingLogStore log)
{
    public const string LocalAnalyzer = "local";

    public async Task<(string TranscriptSource, string Analyzer, int Clips)> RunAsync(Guid jobId, HighlightOptions options, StageOneResult stageOne,
        IProgress<double> progress, CancellationToken ct)
    {
        var material = LectureMaterialBuilder.Build(stageOne.DurationSeconds, stageOne.Transcript, null, stageOne.Silence) with { Slides = stageOne.Slides };
        if (material.Sentences.Count == 0 && material.Slides.Count > 0)
        {
            material = material with { Sentences = SentenceBuilder.FromSlides(material.Slides), TranscriptSource = LectureMaterialBuilder.SlidesSource };
        }
        await log.AppendAsync(jobId, "content", "info", $"sentences from {material.TranscriptSource}: {material.Sentences.Count}", ct);
        if (options.Analyzer != LocalAnalyzer)
            await log.AppendAsync(jobId, "content", "warning", $"analyzer '{options.Analyzer}' is not available yet; the local analyzer's result stands", ct);

        var analysis = ContentAnalyzer.Analyze(material, new ContentOptions(options.MinSeconds, options.MaxSeconds));
        progress.Report(0.5);
        var goal = options.ClipCount is { } count ? SelectionGoal.Count(count) : SelectionGoal.Duration(options.TotalSeconds!.Value);
        var chosen = ClipSelector.Select(analysis.Candidates, analysis.Chapters.Count, goal);
        var rows = chosen.OrderByDescending(c => c.Score).ThenBy(c => c.Start)
            .Select((c, i) => new HighlightClip(Guid.CreateVersion7(), jobId, i + 1, c.Start, c.End, c.Score, JsonSerializer.Serialize(c.Reasons),
                Title(analysis, c), c.Chapter, "selected", null, null, null, 1))
            .ToList();

        await segments.ReplaceAsync(jobId, analysis.Sentences, material.TranscriptSource, ct);
        await words.ReplaceAsync(jobId, analysis.Sentences, ct);
        await content.ReplaceAsync(jobId, analysis, ct);
        await clips.ReplaceAsync(jobId, rows, ct);
        await log.AppendAsync(jobId, "selection", "info",
            $"{analysis.Chapters.Count} chapters, {analysis.Candidates.Count} candidates, {rows.Count} clips ({rows.Sum(r => r.EndS - r.StartS):0.0} s)", ct);
        progress.Report(1);
        return (material.TranscriptSource, LocalAnalyzer, rows.Count);
    }

    private static string Title(ContentAnalysis analysis, ScoredCandidate clip)
    {
        var chapter = analysis.Chapters[clip.Chapter].Title;
        var cue = clip.Features.CuePhrases.Count > 0 ? clip.Features.CuePhrases[0] : null;
        return cue is null ? chapter : $"{chapter}: {cue}";
    }
}
