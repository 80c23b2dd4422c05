using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary>
/// Issue 20 (4): the tempo's metrical level follows the evidence. Plain beats whose off-beat hats are as
/// strong as the on-beat ones (the doubled level has onsets on every one of its beats, so only the
/// evidence of the tempogram and the 70–160 BPM prior tell the levels apart), across 60–180 BPM.
/// </summary>
public sealed class TempoOctaveTests
{
    private static readonly object[] PlainBeats =
    [
        new object[] { 60.0, "plain" }, new object[] { 68.0, "plain-four" }, new object[] { 76.0, "plain" },
        new object[] { 84.0, "plain-four" }, new object[] { 97.0, "plain" }, new object[] { 97.0, "plain-four" },
        new object[] { 108.0, "plain" }, new object[] { 121.0, "plain-four" }, new object[] { 134.0, "plain" },
        new object[] { 147.0, "plain-four" }, new object[] { 160.0, "plain" }, new object[] { 172.0, "plain-four" },
        new object[] { 180.0, "plain" },
    ];

    [TestCaseSource(nameof(PlainBeats))]
    public async Task Tempo_OnPlainBeatWithEvenHats_IsTheBeatWithin2PercentAndBeatFAtLeast09(double bpm, string pattern)
    {
        var truth = await RhythmGroundTruth.SteadyAsync(bpm, pattern: pattern == "plain" ? RhythmGroundTruth.Plain : RhythmGroundTruth.PlainFour, name: pattern);

        var result = await RhythmFiles.AnalyzeAsync(truth);

        var f = BeatAccuracy.FMeasure(result.BeatTimes(), truth.Beats, 0.07);
        TestContext.Out.WriteLine($"{pattern} {bpm}: {result.Tempo.Bpm} BPM (confidence {result.Tempo.Confidence}; {string.Join(", ", result.Tempo.Alternatives.Select(a => $"{a.Relation} {a.Bpm} × {a.RelativeStrength}"))}), beat F {f:0.000}");
        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(result.Tempo.Bpm / bpm - 1), Is.LessThanOrEqualTo(0.02), $"estimated {result.Tempo.Bpm} BPM");
            Assert.That(f, Is.GreaterThanOrEqualTo(0.9), "beat F within 70 ms");
            Assert.That(result.Tempo.Alternatives.All(a => a.RelativeStrength < 1), "no alternative is stronger than the chosen level");
        });
    }
}
