using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>Long audio is cut into ≤ 30-s windows at silences found by the silence engine.</summary>
public sealed class SpeechChunkingTests
{
    [Test]
    public async Task ThreeMinutesOfSpeech_EveryCutFallsInsideATrueSilence_AndEveryChunkIsAtMost30s()
    {
        var truth = await SpeechTruth.GenerateAsync(180);

        var (sampleCount, silences) = await SpeechTranscriber.ScanAsync(MediaTools.PcmDecoder, truth.Path, CancellationToken.None);
        var chunks = SpeechChunkPlanner.Plan(sampleCount / 16_000.0, silences);

        TestContext.Out.WriteLine(string.Join(", ", chunks.Select(c => $"{c.Start:0.000}–{c.End:0.000}")));
        var trueSilences = truth.Silences();
        Assert.That(truth.DurationSeconds, Is.GreaterThanOrEqualTo(180));
        Assert.That(chunks.Count, Is.GreaterThanOrEqualTo(7), "3 min at ≤ 30 s");
        Assert.That(chunks[0].Start, Is.Zero);
        Assert.That(chunks[^1].End, Is.EqualTo(sampleCount / 16_000.0).Within(1e-6));
        foreach (var chunk in chunks)
        {
            Assert.That(chunk.Duration, Is.LessThanOrEqualTo(30.0 + 1e-9), $"{chunk}");
            Assert.That(chunk.HardCut, Is.False, $"{chunk}: silences are never more than 20 s apart here");
        }
        foreach (var cut in chunks.SkipLast(1).Select(c => c.End))
            Assert.That(trueSilences.Any(s => s.Start < cut && cut < s.End), $"cut at {cut:0.000} s is not inside a silence of the ground truth");
        for (var i = 1; i < chunks.Count; i++) Assert.That(chunks[i].Start, Is.EqualTo(chunks[i - 1].End), "contiguous");
    }

    [Test]
    public void Plan_WithoutSilenceInReach_CutsHardAt30s_AndSkipsALongSilenceInOneSilentChunk()
    {
        AudioInterval[] silences = [new(40, 75, -70)];

        var chunks = SpeechChunkPlanner.Plan(100, silences);

        Assert.That(chunks, Is.EqualTo(new[]
        {
            new SpeechChunk(0, 30, HardCut: true, Silent: false),   // no silence before 30 s
            new SpeechChunk(30, 50, false, false),                  // middle of the silence's reachable part, 40–60
            new SpeechChunk(50, 74.75, false, true),                // the rest of the silence, ending just inside it
            new SpeechChunk(74.75, 100, false, false),
        }));
    }

    [Test]
    public void Plan_TrailingSilence_IsSilentChunks()
    {
        var chunks = SpeechChunkPlanner.Plan(70, [new AudioInterval(25, 70, -70)]);

        Assert.That(chunks.Select(c => (c.Start, c.End, c.Silent)), Is.EqualTo(new[] { (0.0, 27.5, false), (27.5, 57.5, true), (57.5, 69.75, true), (69.75, 70.0, true) }));
    }

    [Test]
    public void HallucinationFilter_DropsSegmentsMostlyInsideLongSilencesOnly()
    {
        AudioInterval[] silences = [new(10, 20, -70), new(30, 31, -70)];

        Assert.That(SilenceHallucinationFilter.IsHallucination(new TranscriptSegment(11, 15, "Thank you."), silences, 2.0), Is.True);
        Assert.That(SilenceHallucinationFilter.IsHallucination(new TranscriptSegment(8, 12, "speech then silence"), silences, 2.0), Is.False);
        Assert.That(SilenceHallucinationFilter.IsHallucination(new TranscriptSegment(30.1, 30.9, "short pause"), silences, 2.0), Is.False, "silence shorter than 2 s");
        Assert.That(SilenceHallucinationFilter.IsHallucination(new TranscriptSegment(11, 15, "over a music bed"), [new AudioInterval(10, 20, -25)], 2.0), Is.False,
            "a loud 'silence' (the adaptive threshold's quieter part) is not nothing to hear");
    }
}
