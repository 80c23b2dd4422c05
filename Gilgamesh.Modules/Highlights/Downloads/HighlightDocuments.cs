using System.Text.Json;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Exports;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.Downloads;

/// <summary>
/// The documents a request offers for download, made from its stored rows on demand (so they always match the clips
/// as edited): transcript SRT/WebVTT/JSON, chapters in YouTube's format, and the reel as FCPXML, MLT, OTIO and EDL,
/// which reference the original by its library name (the file the editor has).
/// </summary>
internal sealed class HighlightDocuments(TranscriptSegmentStore segments, TranscriptWordStore words, ContentSegmentStore content, ClipStore clips,
    LayoutStore layouts, IMediaLibrary library)
{
    public async Task<(string Text, string ContentType, string FileName)?> MakeAsync(HighlightJob job, string name, CancellationToken ct)
    {
        var source = job.TranscriptSource ?? "none";
        switch (name)
        {
            case "transcript.srt": return (TranscriptExport.Srt(await SentencesAsync(job.Id, ct), source), "application/x-subrip", name);
            case "transcript.vtt": return (TranscriptExport.Vtt(await SentencesAsync(job.Id, ct), source), "text/vtt", name);
            case "transcript.json": return (TranscriptExport.ToJson(await SentencesAsync(job.Id, ct), source), "application/json", name);
            case "chapters.txt":
                var facts = HighlightJobStore.SourceOf(job);
                return (ChapterText.YouTube(await ChaptersAsync(job.Id, ct), facts?.DurationSeconds ?? 0), "text/plain; charset=utf-8", name);
        }

        var reel = await ReelAsync(job, ct);
        if (reel is null) return null;
        var options = JsonSerializer.Deserialize<HighlightOptions>(job.Options, JobJson.Options)!;
        return name switch
        {
            "reel.fcpxml" => (FcpxmlExport.Write(reel, options.Aspect), "application/xml", name),
            "reel.mlt" => (MltExport.Write(reel), "application/xml", name),
            "reel.otio" => (OtioExport.Write(reel), "application/json", name),
            "reel.edl" => (EdlExport.Write(reel), "text/plain; charset=utf-8", name),
            _ => null,
        };
    }

    private async Task<Reel?> ReelAsync(HighlightJob job, CancellationToken ct)
    {
        if (HighlightJobStore.SourceOf(job) is not { HasVideo: true } facts) return null;
        var media = await library.GetAsync(job.MediaId, ct);
        var source = new ReelSource(media?.DisplayName ?? "original", facts.DurationSeconds, facts.Width, facts.Height, facts.FrameRateNumerator,
            facts.FrameRateDenominator, facts.HasAudio);
        var chapters = await ChaptersAsync(job.Id, ct);
        var segmentsOfLayout = await layouts.SegmentsAsync(job.Id, ct);
        var reelClips = (await clips.ListAsync(job.Id, ct)).Select(c =>
        {
            var chapter = chapters.LastOrDefault(h => h.Start <= c.StartS)?.Title ?? "";
            var camera = segmentsOfLayout.Where(s => s.Start < c.EndS && s.End > c.StartS).Select(s => s.Camera).FirstOrDefault(r => r is not null);
            var centre = camera is null ? 0.5 : camera.X + camera.Width / 2;
            return new ReelClip(c.Rank, c.StartS, c.EndS, c.Title, chapter, c.Score, JsonSerializer.Deserialize<List<string>>(c.Reasons) ?? [], centre);
        }).ToList();
        var captions = (await segments.ListAsync(job.Id, ct)).Select(s => new ReelCaption(s.Start, s.End, s.Text)).ToList();
        return new Reel(media?.DisplayName ?? "highlights", source, reelClips, captions, chapters.Select(c => (c.Start, c.Title)).ToList());
    }

    private async Task<IReadOnlyList<Chapter>> ChaptersAsync(Guid jobId, CancellationToken ct) =>
        (await content.ChaptersAsync(jobId, ct)).Select((c, i) => new Chapter(i, c.Start, c.End, c.Title, "", "")).ToList();

    private async Task<IReadOnlyList<LectureSentence>> SentencesAsync(Guid jobId, CancellationToken ct)
    {
        var byWords = (await words.ListAsync(jobId, ct)).GroupBy(w => w.SegmentIndex).ToDictionary(g => g.Key, g => g.ToList());
        return (await segments.ListAsync(jobId, ct)).Select(s =>
        {
            var list = byWords.GetValueOrDefault(s.Seq) ?? [];
            return new LectureSentence(s.Seq, s.Start, s.End, s.Text, list.Select(w => new LectureWord(w.StartS, w.EndS, w.Text)).ToList(),
                list.Any(w => w.Approximate));
        }).ToList();
    }
}
