using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary>The issue's accuracy tolerances on generated drum tracks with known beats, bars and sections.</summary>
public sealed class RhythmAccuracyTests
{
    private static readonly double[] SteadyTempos = [70, 90, 100, 120, 128, 150, 180];

    [TestCaseSource(nameof(SteadyTempos))]
    public async Task Tempo_OnSteadyDrumTrack_IsWithin2Percent(double bpm)
    {
        var result = await RhythmFiles.AnalyzeAsync(await RhythmGroundTruth.SteadyAsync(bpm));

        Assert.That(BeatAccuracy.TempoError(result.Tempo.Bpm, bpm), Is.LessThanOrEqualTo(0.02), $"estimated {result.Tempo.Bpm} BPM");
    }

    [TestCase("noisy")]
    [TestCase("sparse")]
    [TestCase("syncopated")]
    [TestCase("four-on-the-floor")]
    public async Task Tempo_OnHardSet_IsWithin4PercentOrOneOctave(string name)
    {
        var truth = await RhythmFiles.HardAsync(name);
        var result = await RhythmFiles.AnalyzeAsync(truth);

        Assert.That(BeatAccuracy.TempoErrorUpToOctave(result.Tempo.Bpm, truth.Bpm), Is.LessThanOrEqualTo(0.04), $"estimated {result.Tempo.Bpm} BPM for {truth.Bpm}");
    }

    [TestCaseSource(nameof(SteadyTempos))]
    public async Task Beats_OnSteadyDrumTrack_FMeasureWithin70msIsAtLeast095(double bpm)
    {
        var truth = await RhythmGroundTruth.SteadyAsync(bpm);
        var result = await RhythmFiles.AnalyzeAsync(truth);

        Assert.That(BeatAccuracy.FMeasure(result.BeatTimes(), truth.Beats, 0.07), Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public async Task Beats_AcrossTempoChangeFrom96To132_FMeasureWithin70msIsAtLeast085()
    {
        var truth = await RhythmGroundTruth.TempoChangeAsync();
        var result = await RhythmFiles.AnalyzeAsync(truth);

        TestContext.Out.WriteLine($"tempo {result.Tempo}; beats {string.Join(" ", result.Beats.Select(b => $"{b.Time:0.00}"))}");
        Assert.That(BeatAccuracy.FMeasure(result.BeatTimes(), truth.Beats, 0.07), Is.GreaterThanOrEqualTo(0.85));
        var late = result.Beats.Where(b => b.Time > truth.SectionBoundaries[0] + 4).ToArray();
        Assert.That(late.Select(b => b.Bpm).Order().ElementAt(late.Length / 2), Is.EqualTo(132).Within(3), "beats after the change carry the new local tempo");
    }

    [TestCase(70)]
    [TestCase(120)]
    [TestCase(180)]
    public async Task Downbeats_OnSteadyTrackWithAccentedOne_FMeasureIsAtLeast08(double bpm)
    {
        var truth = await RhythmGroundTruth.SteadyAsync(bpm);
        var result = await RhythmFiles.AnalyzeAsync(truth);

        Assert.That(BeatAccuracy.FMeasure(result.Downbeats, truth.Downbeats, 0.07), Is.GreaterThanOrEqualTo(0.8));
        Assert.That(result.Beats.Where(b => b.Position == 1).Select(b => b.Time), Is.EqualTo(result.Downbeats));
    }

    [Test]
    public async Task Downbeats_AcrossTempoChangeFrom96To132_FMeasureIsAtLeast08()
    {
        var truth = await RhythmGroundTruth.TempoChangeAsync();
        var result = await RhythmFiles.AnalyzeAsync(truth);

        Assert.That(BeatAccuracy.FMeasure(result.Downbeats, truth.Downbeats, 0.07), Is.GreaterThanOrEqualTo(0.8));
    }

    [Test]
    public async Task Downbeats_AcrossSectionsWithDifferentPatterns_FMeasureIsAtLeast08()
    {
        var truth = await RhythmGroundTruth.SectionsAsync();
        var result = await RhythmFiles.AnalyzeAsync(truth);

        TestContext.Out.WriteLine($"tempo {result.Tempo}; beat F {BeatAccuracy.FMeasure(result.BeatTimes(), truth.Beats, 0.07):0.000}");
        Assert.That(BeatAccuracy.FMeasure(result.Downbeats, truth.Downbeats, 0.07), Is.GreaterThanOrEqualTo(0.8));
    }

    [Test]
    public async Task Sections_OnABACSong_BoundariesWithin1sFMeasureIsAtLeast08AndRepeatSharesLabel()
    {
        var truth = await RhythmGroundTruth.SectionsAsync();
        var result = await RhythmFiles.AnalyzeAsync(truth);
        var found = result.Sections.Skip(1).Select(s => s.Start).ToArray();

        Assert.That(BeatAccuracy.FMeasure(found, truth.SectionBoundaries, 1.0), Is.GreaterThanOrEqualTo(0.8), string.Join(", ", result.Sections));
        Assert.That(result.Sections, Has.Count.EqualTo(4), string.Join(", ", result.Sections));
        Assert.That(result.Sections[2].Label.TrimEnd('′'), Is.EqualTo(result.Sections[0].Label), "the repeated A section");
        Assert.That(result.Sections[1].Label, Is.Not.EqualTo(result.Sections[0].Label));
    }

    [TestCase(90)]
    [TestCase(150)]
    public async Task Sections_OnSteadyTrack_IsOneSection(double bpm)
    {
        var result = await RhythmFiles.AnalyzeAsync(await RhythmGroundTruth.SteadyAsync(bpm));

        Assert.That(result.Sections, Has.Count.EqualTo(1), string.Join(", ", result.Sections));
    }
}
