using System.Text.Json;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Selection;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>
/// Stage 2, after all of stage 1: content analysis (local and explainable, optionally re-ranked by the LLM) and
/// selection, written whole (transcript, chapters and candidates, clips), so a retry leaves one set. Any LLM failure
/// leaves the local result standing; the log and the request's <c>analyzer</c> say which ran.
/// </summary>
internal sealed class StageTwoContent(TranscriptSegmentStore segments, TranscriptWordStore words, ContentSegmentStore content, ClipStore clips,
    ProcessingLogStore log, LlmRanking llm)
{
    public const string LocalAnalyzer = "local";
    public const string LlmAnalyzer = "llm";

    public async Task<(string TranscriptSource, string Analyzer, IReadOnlyList<HighlightClip> Clips)> RunAsync(Guid jobId, HighlightOptions options,
        double durationSeconds, SilenceResult? silence, TranscriptStepResult transcript, IReadOnlyList<Content.LectureSlide> slides,
        IProgress<double> progress, Guid? kernelJobId, CancellationToken ct)
    {
        var material = LectureMaterialBuilder.Build(durationSeconds, transcript.ToTranscript(), null, silence) with { Slides = slides };
        if (material.Sentences.Count == 0 && material.Slides.Count > 0)
        {
            material = material with { Sentences = SentenceBuilder.FromSlides(material.Slides), TranscriptSource = LectureMaterialBuilder.SlidesSource };
            await log.AppendAsync(jobId, "content", "warning", "no transcript: sentences, chapters and clips come from the slides' text and the silences", ct);
        }
        await log.AppendAsync(jobId, "content", "info", $"sentences from {material.TranscriptSource}: {material.Sentences.Count}", ct);

        var analysis = ContentAnalyzer.Analyze(material, new ContentOptions(options.MinSeconds, options.MaxSeconds));
        progress.Report(0.4);
        var candidates = analysis.Candidates;
        var analyzer = LocalAnalyzer;
        if (options.Analyzer == LlmAnalyzer)
        {
            var (ranked, note) = await llm.RankAsync(candidates, kernelJobId, ct);
            if (ranked is not null)
            {
                candidates = ranked;
                analyzer = LlmAnalyzer;
                await log.AppendAsync(jobId, "content", "info", "LLM analyzer: " + note, ct);
            }
            else
            {
                await log.AppendAsync(jobId, "content", "warning", $"LLM analyzer failed: {note}; the local analyzer's result stands", ct);
            }
        }
        progress.Report(0.8);

        var goal = options.ClipCount is { } count ? SelectionGoal.Count(count) : SelectionGoal.Duration(options.TotalSeconds!.Value);
        var chosen = ClipSelector.Select(candidates, analysis.Chapters.Count, goal);
        var rows = chosen.OrderByDescending(c => c.Score).ThenBy(c => c.Start)
            .Select((c, i) => new HighlightClip(ClipId(jobId, i + 1), jobId, i + 1, c.Start, c.End, c.Score, JsonSerializer.Serialize(c.Reasons),
                c.Title ?? Title(analysis, c), c.Chapter, "selected", null, null, null, 1))
            .ToList();

        await segments.ReplaceAsync(jobId, analysis.Sentences, material.TranscriptSource, ct);
        await words.ReplaceAsync(jobId, analysis.Sentences, ct);
        await content.ReplaceAsync(jobId, analysis, ct);
        await clips.ReplaceAsync(jobId, rows, ct);
        await log.AppendAsync(jobId, "selection", "info",
            $"{analysis.Chapters.Count} chapters, {analysis.Candidates.Count} candidates, {rows.Count} clips ({rows.Sum(r => r.EndS - r.StartS):0.0} s)", ct);
        progress.Report(1);
        return (material.TranscriptSource, analyzer, rows);
    }

    /// <summary>
    /// A clip's id from its request and rank, so a retried (or crash-recovered) content step writes the same ids the
    /// render steps it already fanned out were given.
    /// </summary>
    public static Guid ClipId(Guid jobId, int rank)
    {
        Span<byte> key = stackalloc byte[20];
        jobId.TryWriteBytes(key);
        BitConverter.TryWriteBytes(key[16..], rank);
        var hash = System.Security.Cryptography.SHA256.HashData(key);
        return new Guid(hash.AsSpan(0, 16));
    }

    private static string Title(ContentAnalysis analysis, ScoredCandidate clip)
    {
        var chapter = analysis.Chapters[clip.Chapter].Title;
        var cue = clip.Features.CuePhrases.Count > 0 ? clip.Features.CuePhrases[0] : null;
        return cue is null ? chapter : $"{chapter}: {cue}";
    }
}
