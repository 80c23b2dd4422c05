using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>The generated lecture is what its truth says: captions, slide times, pauses the silence engine hears.</summary>
public sealed class LectureGeneratorTests
{
    [Test]
    public async Task Generate_WhenFourSlides_CaptionsSlidesAndPausesMatchTheTruth()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);

        var info = await MediaTools.Probe.ProbeAsync(truth.VideoPath);
        var cues = Captions.Read(truth.CaptionsPath).Segments;
        var silence = await new SilenceDetector(MediaTools.PcmDecoder, MediaTools.Probe).DetectAsync(truth.VideoPath, new SilenceOptions());
        TestContext.Out.WriteLine($"duration {truth.DurationSeconds:F2} s, {truth.Sentences.Count} sentences, slides at {string.Join(", ", truth.Slides.Select(s => s.Start))}");
        Assert.Multiple(() =>
        {
            Assert.That(info.DurationSeconds, Is.EqualTo(truth.DurationSeconds).Within(0.1));
            Assert.That(truth.DurationSeconds, Is.InRange(85, 120));
            Assert.That(cues.Select(c => (c.Start, c.End, c.Text)), Is.EqualTo(truth.Sentences.Select(s => (s.Start, s.End, s.Text))));
            Assert.That(truth.Slides.Select(s => s.Title).Distinct().Count(), Is.EqualTo(4));
            Assert.That(truth.SlideChanges.All(truth.InPause), Is.True, "every slide change falls in a pause");
            Assert.That(truth.Sentences.Count(s => s.Cue), Is.GreaterThanOrEqualTo(3));
            Assert.That(truth.Sentences.Where(s => s.Cue).All(s => s.Slide == LectureFixture.Standard.CueSlide), Is.True);
            // Every scripted pause of 0.5 s or more is heard as silence by the real engine, within 60 ms at both ends.
            foreach (var (start, end) in truth.Pauses)
                Assert.That(silence.Silences.Any(s => Math.Abs(s.Start - start) < 0.06 && Math.Abs(s.End - end) < 0.06), Is.True, $"pause {start:F3}–{end:F3}");
        });
    }
}
