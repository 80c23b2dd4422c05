using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// The generated test lecture run through the real stage-1 silence engine and its captions, with the slides
/// taken from the generator's truth (the OCR path has its own tests), as content analysis reads them.
/// </summary>
internal static class LectureFixture
{
    public static readonly LectureSpec Standard = new(Slides: 4, SecondsPerSlide: 25, CueSlide: 2);

    public static async Task<(LectureTruth Truth, LectureMaterial Material)> MaterialAsync(LectureSpec? spec = null, bool withCaptions = true)
    {
        var truth = await LectureGenerator.GenerateAsync(spec ?? Standard);
        var silence = await new SilenceDetector(MediaTools.PcmDecoder, MediaTools.Probe).DetectAsync(truth.VideoPath, new SilenceOptions());
        var slides = truth.Slides.Select(s => new LectureSlide(s.Start, s.End, s.Title, string.Join('\n', s.Lines))).ToList();
        var transcript = withCaptions ? Captions.Read(truth.CaptionsPath) : null;
        var material = withCaptions
            ? LectureMaterialBuilder.Build(truth.DurationSeconds, transcript, null, silence) with { Slides = slides }
            : LectureMaterialBuilder.Build(truth.DurationSeconds, null, null, silence) with
            {
                Slides = slides,
                Sentences = SentenceBuilder.FromSlides(slides),
                TranscriptSource = LectureMaterialBuilder.SlidesSource,
            };
        return (truth, material);
    }
}
