using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Turns stage 1's engine results into <see cref="LectureMaterial"/>: sentences from the transcript when there
/// is one, else from the slides' text (source <c>slides</c>), else none; each showing of an OCR slide becomes
/// a slide with its first line as the title; silences and speech stretches come from the silence engine
/// (null silences when the file has no audio).
/// </summary>
internal static class LectureMaterialBuilder
{
    public const string SlidesSource = "slides";
    public const string NoneSource = "none";

    public static LectureMaterial Build(double durationSeconds, Transcript? transcript, OcrResult? ocr, SilenceResult? silence)
    {
        var slides = Slides(ocr);
        var (sentences, source) = transcript is { Segments.Count: > 0 }
            ? (SentenceBuilder.FromTranscript(transcript), transcript.Source)
            : slides.Count > 0 ? (SentenceBuilder.FromSlides(slides), SlidesSource) : ([], NoneSource);
        IReadOnlyList<TimeInterval>? silences = silence is { HasAudio: true } ? silence.Silences.Select(s => new TimeInterval(s.Start, s.End)).ToList() : null;
        var speech = silence?.Speech.Select(s => new SpeechStretch(s.Start, s.End, s.MeanDb)).ToList() ?? [];
        return new LectureMaterial(durationSeconds, sentences, slides, silences, speech, source);
    }

    public static IReadOnlyList<LectureSlide> Slides(OcrResult? ocr)
    {
        if (ocr is null) return [];
        return ocr.Slides
            .SelectMany(s => s.Appearances.Select(a => new LectureSlide(a.Start, a.End, Title(s), s.Text)))
            .OrderBy(s => s.Start).ThenBy(s => s.End)
            .ToList();
    }

    private static string Title(OcrSlide slide) =>
        slide.Lines.Select(l => l.Text.Trim()).FirstOrDefault(l => l.Length > 0)
        ?? slide.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
