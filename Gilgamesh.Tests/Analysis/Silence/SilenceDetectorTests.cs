using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Silence;

/// <summary>The silence engine against generated audio whose sound/silence boundaries are known exactly.</summary>
public sealed class SilenceDetectorTests
{
    private const double Tolerance = 0.030;

    private static SilenceDetector Detector => new(MediaTools.PcmDecoder, MediaTools.Probe);

    private static List<(double, double)> Spans(IEnumerable<AudioInterval> xs) => xs.Select(x => (x.Start, x.End)).ToList();
    private static List<(double, double)> Spans(IEnumerable<TruthInterval> xs) => xs.Select(x => (x.Start, x.End)).ToList();

    [TestCase(-60)]
    [TestCase(-45)]
    public async Task Detect_WithAdaptiveThreshold_FindsEveryGapWithin30ms(double floorDb)
    {
        var truth = await SilenceGroundTruth.GenerateAsync(floorDb);

        var result = await Detector.DetectAsync(truth.Path, new SilenceOptions());

        var speech = IntervalScore.Intervals(Spans(truth.Active), Spans(result.Speech), Tolerance);
        var silence = IntervalScore.Intervals(Spans(truth.Silences()), Spans(result.Silences), Tolerance);
        TestContext.Out.WriteLine($"floor {floorDb} dB: threshold {result.ThresholdDb} dB (noise floor {result.NoiseFloorDb}); speech F1 {speech.F1:0.000} worst edge {speech.WorstEdgeError * 1000:0} ms; silence F1 {silence.F1:0.000}");
        Assert.Multiple(() =>
        {
            Assert.That(result.ThresholdSource, Is.EqualTo("adaptive"));
            Assert.That(speech.F1, Is.GreaterThanOrEqualTo(0.98), string.Join(", ", result.Speech));
            Assert.That(silence.F1, Is.GreaterThanOrEqualTo(0.98), string.Join(", ", result.Silences));
            Assert.That(speech.WorstEdgeError, Is.LessThanOrEqualTo(Tolerance));
        });
    }

    [Test]
    public async Task Detect_WithAbsoluteThreshold_UsesItAndKeepsBoundariesWithin30ms()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);

        var result = await Detector.DetectAsync(truth.Path, new SilenceOptions(ThresholdDb: -40));

        var speech = IntervalScore.Intervals(Spans(truth.Active), Spans(result.Speech), Tolerance);
        Assert.That(result.ThresholdDb, Is.EqualTo(-40));
        Assert.That(result.ThresholdSource, Is.EqualTo("absolute"));
        Assert.That(speech.F1, Is.GreaterThanOrEqualTo(0.98));
    }

    [Test]
    public async Task Detect_WithMargin_WidensSpeechAndMergesGapsShorterThanTwoMargins()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);

        var plain = await Detector.DetectAsync(truth.Path, new SilenceOptions());
        var widened = await Detector.DetectAsync(truth.Path, new SilenceOptions(MarginSeconds: 0.2));

        // The 0.3 s and 0.4 s gaps (<= 2 x 0.2 s) disappear; the outer speech edges move out by 0.2 s.
        Assert.That(widened.Speech, Has.Count.EqualTo(plain.Speech.Count - 2));
        Assert.That(widened.Speech[0].Start, Is.EqualTo(plain.Speech[0].Start - 0.2).Within(0.002));
        Assert.That(widened.Speech[^1].End, Is.EqualTo(plain.Speech[^1].End + 0.2).Within(0.002));
    }

    [Test]
    public async Task Detect_OnStereo48kFlac_GivesTheSameBoundaries()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);
        var flac = Path.Combine(MediaGenerator.Folder, "silence-truth-stereo48k.flac");
        await MediaTools.Runner.RunAsync($"-y -i \"{truth.Path}\" -ac 2 -ar 48000 \"{flac}\"");

        var result = await Detector.DetectAsync(flac, new SilenceOptions());

        Assert.That(IntervalScore.Intervals(Spans(truth.Active), Spans(result.Speech), Tolerance).F1, Is.GreaterThanOrEqualTo(0.98));
    }

    [Test]
    public async Task Detect_SpeechAndSilences_TileTheFileWithMeanLevels()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-45);

        var result = await Detector.DetectAsync(truth.Path, new SilenceOptions());

        var all = result.Speech.Concat(result.Silences).OrderBy(i => i.Start).ToList();
        Assert.That(all[0].Start, Is.Zero);
        Assert.That(all[^1].End, Is.EqualTo(result.DurationSeconds).Within(0.001));
        for (var i = 1; i < all.Count; i++) Assert.That(all[i].Start, Is.EqualTo(all[i - 1].End));
        Assert.That(result.Silences.Max(s => s.MeanDb), Is.LessThan(-40), "silences sit at the -45 dBFS floor");
        Assert.That(result.Speech.Min(s => s.MeanDb), Is.GreaterThan(-30));
    }

    [Test]
    public async Task Detect_OnVideoWithoutAudio_ReturnsExplicitEmptyResult()
    {
        var result = await Detector.DetectAsync(await MediaGenerator.VideoOnlyAsync(), new SilenceOptions());

        Assert.That(result.HasAudio, Is.False);
        Assert.That(result.Speech, Is.Empty);
        Assert.That(result.Silences, Is.Empty);
    }

    [Test]
    public void Detect_OnTextFile_ThrowsMediaUnreadable()
    {
        var e = Assert.ThrowsAsync<GilgameshException>(() => Detector.DetectAsync(MediaGenerator.TextFileNamedMp4(), new SilenceOptions()));
        Assert.That(e!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public async Task Detect_OnTruncatedVideo_ThrowsMediaError()
    {
        var truncated = await MediaGenerator.TruncatedMp4Async();

        var e = Assert.ThrowsAsync<GilgameshException>(() => Detector.DetectAsync(truncated, new SilenceOptions()));
        Assert.That(e!.Code, Is.AnyOf(ErrorCodes.MediaUnreadable, ErrorCodes.FfmpegFailed));
    }

    [Test]
    public async Task Detect_WithProgress_ReportsIncreasingFractionsEndingAtOne()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);
        var reports = new List<double>();

        await Detector.DetectAsync(truth.Path, new SilenceOptions(), new InlineProgress(reports.Add));

        Assert.That(reports, Is.Ordered.Ascending);
        Assert.That(reports, Has.Count.GreaterThan(3));
        Assert.That(reports[^1], Is.EqualTo(1));
    }

    [Test]
    public async Task Detect_WhenCancelledMidway_StopsFfmpegPromptly()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-45, 120);
        using var cancel = new CancelAtProgress(0.05);

        Assert.CatchAsync<OperationCanceledException>(() => Detector.DetectAsync(truth.Path, new SilenceOptions(), cancel.Progress, cancel.Token));

        cancel.Stop();
        Assert.That(cancel.Cancelled, "cancelled midway");
        Assert.That(cancel.SinceCancel, Is.LessThan(TimeSpan.FromSeconds(2)), "cancellation to exception");
        Assert.That(FfmpegProcesses.WithArgument(Path.GetFileName(truth.Path)), Is.Empty, "no ffmpeg left running");
    }
}
