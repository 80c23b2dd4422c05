using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Scenes;

/// <summary>The scene engine against generated videos with cuts at known frames.</summary>
public sealed class SceneDetectorTests
{
    private static SceneDetector Detector => new(MediaTools.FrameDecoder, MediaTools.Probe, new KeyframeWriter(MediaTools.Runner, MediaTools.Probe));

    // Modes travel as names: SceneMode is internal, test methods are public.
    private static SceneOptions Options(string mode) => SceneOptions.Parse(new Dictionary<string, string> { ["mode"] = mode });

    private static void Log(SceneResult r) =>
        TestContext.Out.WriteLine(string.Join("\n", r.Cuts.Select(c => $"{c.Kind} {c.Time:0.000}s frame {c.Frame} score {c.Score}")));

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_OnHardCuts_FindsEachAtTheExactFrameWithF1One(string mode)
    {
        var truth = await SceneGroundTruth.HardCutsAsync();

        var result = await Detector.DetectAsync(truth.Path, Options(mode));

        Log(result);
        var score = IntervalScore.Events(truth.Cuts.Select(c => (double)c.Frame).ToList(), result.Cuts.Select(c => (double)c.Frame).ToList(), 1);
        Assert.That(score.F1, Is.EqualTo(1.0));
        Assert.That(result.Cuts.Select(c => c.Kind), Is.All.EqualTo("hard"));
    }

    [Test]
    public async Task Detect_OnDeblockedEncodeWithBFrames_FindsEachHardCutAtTheExactFrame()
    {
        // The engine decodes without the loop filter; this file is the kind where that filter runs.
        var truth = await SceneGroundTruth.HardCutsDeblockedAsync();

        var result = await Detector.DetectAsync(truth.Path, new SceneOptions());

        Log(result);
        var score = IntervalScore.Events(truth.Cuts.Select(c => (double)c.Frame).ToList(), result.Cuts.Select(c => (double)c.Frame).ToList(), 1);
        Assert.That(score.F1, Is.EqualTo(1.0));
    }

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_OnDissolvesAndFadeThroughBlack_FindsEachWithinHalfASecond(string mode)
    {
        var truth = await SceneGroundTruth.GradualAsync();

        var result = await Detector.DetectAsync(truth.Path, Options(mode));

        Log(result);
        var score = IntervalScore.Events(truth.Cuts.Select(c => c.Time).ToList(), result.Cuts.Select(c => c.Time).ToList(), 0.5);
        Assert.That(score.F1, Is.GreaterThanOrEqualTo(0.9));
        Assert.That(result.Cuts.Select(c => c.Kind), Is.All.EqualTo("gradual"));
    }

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_OnMixedEditInParts_FindsHardAndGradualCuts(string mode)
    {
        var truth = await SceneGroundTruth.MixedAsync(40, 320, 180);

        var result = await Detector.DetectAsync(truth.Path, Options(mode));

        TestContext.Out.WriteLine("truth: " + string.Join(", ", truth.Cuts.Select(c => $"{c.Kind} {c.Time:0.00}")));
        Log(result);
        var hard = IntervalScore.Events(truth.OfKind("hard").Select(c => (double)c.Frame).ToList(), result.Cuts.Where(c => c.Kind == "hard").Select(c => (double)c.Frame).ToList(), 1);
        var gradual = IntervalScore.Events(truth.OfKind("gradual").Select(c => c.Time).ToList(), result.Cuts.Where(c => c.Kind == "gradual").Select(c => c.Time).ToList(), 0.5);
        Assert.That(hard.F1, Is.EqualTo(1.0), "hard cuts within one frame");
        Assert.That(gradual.F1, Is.GreaterThanOrEqualTo(0.9), "gradual within 0.5 s");
        Assert.That(result.Cuts.Select(c => c.Kind), Has.None.EqualTo(SlideStepDetector.Kind));
    }

    [Test]
    public async Task Detect_InMixedMode_OnEditWithSlides_FindsHardGradualAndSlideChanges()
    {
        var truth = await SceneGroundTruth.MixedAsync(80, 640, 360, withSlides: true);

        var result = await Detector.DetectAsync(truth.Path, new SceneOptions(SceneMode.Mixed));

        TestContext.Out.WriteLine("truth: " + string.Join(", ", truth.Cuts.Select(c => $"{c.Kind} {c.Time:0.00}")));
        Log(result);
        Assert.That(truth.OfKind("slide"), Has.Count.GreaterThanOrEqualTo(6), "precondition: the edit has slide shots");
        var hard = IntervalScore.Events(truth.OfKind("hard").Select(c => (double)c.Frame).ToList(), result.Cuts.Where(c => c.Kind == "hard").Select(c => (double)c.Frame).ToList(), 1);
        var gradual = IntervalScore.Events(truth.OfKind("gradual").Select(c => c.Time).ToList(), result.Cuts.Where(c => c.Kind == "gradual").Select(c => c.Time).ToList(), 0.5);
        var slides = IntervalScore.Events(truth.OfKind("slide").Select(c => c.Time).ToList(), result.Cuts.Where(c => c.Kind == SlideStepDetector.Kind).Select(c => c.Time).ToList(), 0.5);
        Assert.That(hard.F1, Is.EqualTo(1.0), "hard cuts within one frame");
        Assert.That(gradual.F1, Is.GreaterThanOrEqualTo(0.9), "gradual within 0.5 s");
        Assert.That(slides.F1, Is.GreaterThanOrEqualTo(0.95), "slide changes within 0.5 s");
    }

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_InParts_GivesExactlyWhatOnePassGives(string mode)
    {
        // Split a short edit as a long file is split on a 4-core machine: each part's margins must
        // reproduce the detectors' state, and each seek the exact first frame.
        var truth = await SceneGroundTruth.MixedAsync(80, 640, 360, withSlides: true);
        var options = Options(mode);

        var whole = await Detector.DetectAsync(truth.Path, options with { Decoders = 1 });
        var parts = await Detector.DetectAsync(truth.Path, options with { Decoders = 4, MinimumSegmentSeconds = 15 });

        Log(parts);
        Assert.That(whole.Cuts, Has.Count.GreaterThan(10), "precondition");
        Assert.That(parts.Cuts, Is.EqualTo(whole.Cuts));
        Assert.That((parts.FramesAnalysed, parts.DurationSeconds), Is.EqualTo((whole.FramesAnalysed, whole.DurationSeconds)));
    }

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_OnStaticClip_FindsNoCut(string mode)
    {
        var result = await Detector.DetectAsync((await SceneGroundTruth.StaticAsync()).Path, Options(mode));

        Log(result);
        Assert.That(result.Cuts, Is.Empty);
        Assert.That(result.Scenes, Has.Count.EqualTo(1));
    }

    [TestCase("content")]
    [TestCase("mixed")]
    public async Task Detect_OnSlowPan_FindsNoCut(string mode)
    {
        var result = await Detector.DetectAsync((await SceneGroundTruth.PanAsync()).Path, Options(mode));

        Log(result);
        Assert.That(result.Cuts, Is.Empty);
    }

    [Test]
    public async Task Detect_InSlidesMode_FindsOneLineChangesWithinHalfASecond()
    {
        var truth = await SlideGroundTruth.OneLineChangesAsync();

        var result = await Detector.DetectAsync(truth.Path, new SceneOptions(SceneMode.Slides));

        Log(result);
        var score = IntervalScore.Events(truth.Cuts.Select(c => c.Time).ToList(), result.Cuts.Select(c => c.Time).ToList(), 0.5);
        Assert.That(score.F1, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public async Task Detect_InMixedMode_FindsOneLineSlideChangesWithinHalfASecond()
    {
        var truth = await SlideGroundTruth.OneLineChangesAsync();

        var result = await Detector.DetectAsync(truth.Path, new SceneOptions(SceneMode.Mixed));

        Log(result);
        var score = IntervalScore.Events(truth.Cuts.Select(c => c.Time).ToList(), result.Cuts.Select(c => c.Time).ToList(), 0.5);
        Assert.That(score.F1, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(result.Cuts.Select(c => c.Kind), Is.All.EqualTo(SlideStepDetector.Kind));
    }

    [Test]
    public async Task Detect_InContentMode_MissesOneLineSlideChanges()
    {
        // Why slides mode exists: a changed line is far below any histogram/HSV threshold.
        var result = await Detector.DetectAsync((await SlideGroundTruth.OneLineChangesAsync()).Path, new SceneOptions());

        Assert.That(result.Cuts, Is.Empty);
    }

    [Test]
    public async Task Detect_WithKeyframesFolder_WritesOneJpegPerSceneFromItsMiddle()
    {
        var truth = await SceneGroundTruth.HardCutsAsync();
        using var folder = new TempDirectory();

        var result = await Detector.DetectAsync(truth.Path, new SceneOptions(KeyframesDirectory: folder.Path));

        Assert.That(result.Scenes, Has.Count.EqualTo(truth.Cuts.Count + 1));
        foreach (var scene in result.Scenes)
        {
            Assert.That(scene.Keyframe, Does.Exist);
            Assert.That(scene.KeyframeTime, Is.EqualTo((scene.Start + scene.End) / 2).Within(0.001));
            Assert.That(new FileInfo(scene.Keyframe!).Length, Is.GreaterThan(1000));
        }
    }

    [Test]
    public void Detect_OnTextFile_ThrowsMediaUnreadable()
    {
        var e = Assert.ThrowsAsync<GilgameshException>(() => Detector.DetectAsync(MediaGenerator.TextFileNamedMp4(), new SceneOptions()));
        Assert.That(e!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public async Task Detect_OnTruncatedVideo_ThrowsMediaError()
    {
        var truncated = await MediaGenerator.TruncatedMp4Async();

        var e = Assert.ThrowsAsync<GilgameshException>(() => Detector.DetectAsync(truncated, new SceneOptions()));
        Assert.That(e!.Code, Is.AnyOf(ErrorCodes.MediaUnreadable, ErrorCodes.FfmpegFailed));
    }

    [Test]
    public async Task Detect_OnAudioOnlyFile_ThrowsMediaUnreadable()
    {
        var e = Assert.ThrowsAsync<GilgameshException>(async () => await Detector.DetectAsync(await MediaGenerator.ToneOnlyAsync(), new SceneOptions()));
        Assert.That(e!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public async Task Detect_WhenCancelledMidway_StopsFfmpegPromptly()
    {
        var truth = await SceneGroundTruth.GradualAsync();
        using var cancel = new CancelAtProgress(0.2);

        Assert.CatchAsync<OperationCanceledException>(() => Detector.DetectAsync(truth.Path, new SceneOptions(), cancel.Progress, cancel.Token));

        cancel.Stop();
        Assert.That(cancel.Cancelled, "cancelled midway");
        Assert.That(cancel.SinceCancel, Is.LessThan(TimeSpan.FromSeconds(2)), "cancellation to exception");
        Assert.That(FfmpegProcesses.WithArgument(Path.GetFileName(truth.Path)), Is.Empty, "no ffmpeg left running");
    }
}
