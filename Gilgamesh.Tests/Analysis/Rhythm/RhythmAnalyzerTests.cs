using Gilgamesh.Modules.Analysis.Rhythm;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary>Shape, edge cases and errors of the rhythm engine.</summary>
public sealed class RhythmAnalyzerTests
{
    [Test]
    public async Task Analyze_WithFeatures_Gives30FpsFramesWith20MfccAnd12ChromaAndMarksBeats()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120);
        var result = await RhythmFiles.AnalyzeAsync(truth, features: true);
        var features = result.Features!;

        Assert.That(features.FrameRate, Is.EqualTo(30));
        Assert.That(features.FrameCount, Is.EqualTo(truth.Duration * 30).Within(2));
        Assert.That(features.Mfcc, Has.Length.EqualTo(features.FrameCount).And.All.Length.EqualTo(20));
        Assert.That(features.Chroma, Has.Length.EqualTo(features.FrameCount).And.All.Length.EqualTo(12));
        Assert.That(features.Onset, Has.Length.EqualTo(features.FrameCount).And.All.InRange(0f, 1f));
        Assert.That(features.Beat.Count(b => b), Is.EqualTo(result.Beats.Count));
        Assert.That(features.OnsetPeak.Count(b => b), Is.GreaterThanOrEqualTo(result.Beats.Count), "every drum hit is an onset");
        // The C major pad: C, E and G are the strongest pitch classes on average.
        var meanChroma = Enumerable.Range(0, 12).Select(c => features.Chroma.Average(f => f[c])).ToArray();
        Assert.That(meanChroma.Select((v, c) => (v, c)).OrderByDescending(x => x.v).Take(3).Select(x => x.c), Is.EquivalentTo(new[] { 0, 4, 7 }));
    }

    [Test]
    public async Task Analyze_PerBeatEnergy_IsNormalisedWithLoudestBeatAtOne()
    {
        var result = await RhythmFiles.AnalyzeAsync(await RhythmGroundTruth.SteadyAsync(120));

        Assert.That(result.Beats.Select(b => b.Energy), Is.All.InRange(0.0, 1.0));
        Assert.That(result.Beats.Max(b => b.Energy), Is.EqualTo(1.0));
        Assert.That(result.Beats.Select(b => b.Time), Is.Ordered.Ascending);
        Assert.That(result.Beats.Select(b => b.Position), Is.All.InRange(1, 4));
    }

    [Test]
    public async Task Analyze_OnFileWithoutAudio_ReturnsExplicitEmptyResult()
    {
        var video = await MediaGenerator.VideoOnlyAsync();

        var result = await RhythmAnalyzer.AnalyzeAsync(MediaTools.PcmDecoder.DecodeAsync(video, RhythmAnalyzer.SampleRate), true, null, CancellationToken.None);

        Assert.That(result.HasAudio, Is.False);
        Assert.That(result.Beats, Is.Empty);
        Assert.That(result.Sections, Is.Empty);
        Assert.That(result.Tempo.Bpm, Is.Zero);
    }

    [Test]
    public void Analyze_OnSilence_ReturnsNoBeatsWithoutThrowing()
    {
        var result = RhythmAnalyzer.Analyze(new float[RhythmAnalyzer.SampleRate * 5], false, null, CancellationToken.None);

        Assert.That(result.HasAudio, Is.True);
        Assert.That(result.Beats, Is.Empty);
        Assert.That(result.Tempo.Bpm, Is.Zero);
    }

    [Test]
    public void Analyze_OnTextFileNamedMp4_ThrowsMediaUnreadable()
    {
        var path = MediaGenerator.TextFileNamedMp4();

        var error = Assert.ThrowsAsync<GilgameshException>(() =>
            RhythmAnalyzer.AnalyzeAsync(MediaTools.PcmDecoder.DecodeAsync(path, RhythmAnalyzer.SampleRate), false, null, CancellationToken.None));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public void Analyze_WhenCancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.That(() => RhythmAnalyzer.Analyze(new float[RhythmAnalyzer.SampleRate * 5], false, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Analyze_ReportsProgressUpToOne()
    {
        var reports = new List<double>();
        var progress = new SynchronousProgress(reports.Add);
        var samples = new float[RhythmAnalyzer.SampleRate * 3];

        await RhythmAnalyzer.AnalyzeAsync(Chunks(samples), false, progress, CancellationToken.None);

        Assert.That(reports, Is.Ordered.Ascending.And.Not.Empty);
        Assert.That(reports[^1], Is.EqualTo(1.0));
    }

    private static async IAsyncEnumerable<float[]> Chunks(float[] samples)
    {
        await Task.Yield();
        yield return samples;
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
