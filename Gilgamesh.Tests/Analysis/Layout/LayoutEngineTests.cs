using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Layout;

/// <summary>The layout engine against generated lectures (issue 4 §4 tolerances: class right, IoU ≥ 0.85, switch ±1 s).</summary>
public sealed class LayoutEngineTests
{
    private static LayoutEngine Engine => new(MediaTools.FrameDecoder, MediaTools.Probe);

    private static double IoU(LayoutRegion? found, LayoutGroundTruth.Rect truth) =>
        found is null ? 0 : found.ToRect().IoU(new NormalizedRect(truth.X, truth.Y, truth.Width, truth.Height));

    private static void AssertMatches(LayoutSegment segment, LayoutGroundTruth.LayoutClip clip)
    {
        TestContext.Out.WriteLine($"{clip.Layout}/{clip.Corner}: found {segment}");
        Assert.Multiple(() =>
        {
            Assert.That(segment.Layout, Is.EqualTo(clip.Layout));
            Assert.That(segment.Corner, Is.EqualTo(clip.Corner));
            if (clip.Slide is not null) Assert.That(IoU(segment.Slide, clip.Slide), Is.GreaterThanOrEqualTo(0.85), "slide IoU");
            if (clip.Camera is not null) Assert.That(IoU(segment.Camera, clip.Camera), Is.GreaterThanOrEqualTo(0.85), "camera IoU");
            if (clip.Camera is null) Assert.That(segment.Camera, Is.Null);
        });
    }

    [Test]
    public async Task Detect_FullFrameTextSlide_IsSlidesOnlyCoveringTheFrame()
    {
        var clip = await LayoutGroundTruth.SlidesOnlyAsync();

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        Assert.That(result.Changes, Is.Empty);
        AssertMatches(result.Segments.Single(), clip);
    }

    [Test]
    public async Task Detect_FullFrameMovingCamera_IsCameraOnlyCoveringTheFrame()
    {
        var clip = await LayoutGroundTruth.CameraOnlyAsync();

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        Assert.That(result.Changes, Is.Empty);
        AssertMatches(result.Segments.Single(), clip);
    }

    [TestCaseSource(typeof(LayoutGroundTruth), nameof(LayoutGroundTruth.InsetSizes))]
    public async Task Detect_SlideWithSmallOrLargeCameraInset_IsPictureInPictureWithItsCornerAndInsetIoUAtLeast0_85(string corner, double widthFraction)
    {
        var clip = await LayoutGroundTruth.PictureInPictureAsync(corner, widthFraction);

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        Assert.That(result.Changes, Is.Empty);
        AssertMatches(result.Segments.Single(), clip);
    }

    [TestCaseSource(typeof(LayoutGroundTruth), nameof(LayoutGroundTruth.Corners))]
    public async Task Detect_SlideWithCameraInset_IsPictureInPictureWithItsCornerAndInsetIoUAtLeast0_85(string corner)
    {
        var clip = await LayoutGroundTruth.PictureInPictureAsync(corner);

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        Assert.That(result.Changes, Is.Empty);
        AssertMatches(result.Segments.Single(), clip);
    }

    [Test]
    public async Task Detect_SlideAndCameraSideBySide2To1_IsSideBySideWithBothRegions()
    {
        var clip = await LayoutGroundTruth.SideBySideAsync();

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        Assert.That(result.Changes, Is.Empty);
        AssertMatches(result.Segments.Single(), clip);
    }

    [Test]
    public async Task Detect_CameraInsetAppearingMidVideo_ReportsTheSwitchWithinOneSecond()
    {
        var clip = await LayoutGroundTruth.SwitchToPictureInPictureAsync();

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        TestContext.Out.WriteLine(string.Join("\n", result.Segments));
        Assert.That(result.Changes, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(result.Changes[0].Time, Is.EqualTo(clip.SwitchAt!.Value).Within(1.0));
            Assert.That(result.Changes[0].From, Is.EqualTo(LayoutKinds.SlidesOnly));
            Assert.That(result.Changes[0].To, Is.EqualTo(LayoutKinds.PictureInPicture));
        });
        AssertMatches(result.Segments[1], clip);
    }

    [Test]
    public void Detect_TextFile_FailsWithMediaUnreadable()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(() => Engine.RunAsync(MediaGenerator.TextFileNamedMp4(), new LayoutOptions()));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public async Task Detect_TruncatedVideo_FailsWithAnErrorCodeNotACrash()
    {
        var truncated = await MediaGenerator.TruncatedMp4Async();

        var error = Assert.ThrowsAsync(Is.InstanceOf<GilgameshException>(), () => Engine.RunAsync(truncated, new LayoutOptions()));

        Assert.That(((GilgameshException)error!).Code, Is.AnyOf(ErrorCodes.MediaUnreadable, ErrorCodes.FfmpegFailed, ErrorCodes.ProbeFailed));
    }

    [Test]
    public async Task Detect_StillImage_FailsAsNotAVideo()
    {
        var image = await OcrGroundTruth.NoTextImageAsync();

        var error = Assert.ThrowsAsync<GilgameshException>(() => Engine.RunAsync(image, new LayoutOptions()));

        Assert.That(error!.Code, Is.EqualTo(LayoutErrorCodes.NotAVideo));
    }

    [Test]
    public async Task Detect_CancelledMidVideo_StopsFfmpegPromptly()
    {
        var clip = await LayoutGroundTruth.SwitchToPictureInPictureAsync();
        // Cancelled from inside the analysis, a quarter of the way through: ffmpeg is certainly decoding then.
        using var cancel = new CancelAtProgress(0.25);

        Assert.CatchAsync<OperationCanceledException>(() => Engine.RunAsync(clip.Path, new LayoutOptions { SampleFps = 25 }, cancel.Progress, cancel.Token));

        cancel.Stop();
        await Task.Delay(200);
        Assert.That(cancel.Cancelled, "cancelled mid-video");
        Assert.That(cancel.SinceCancel, Is.LessThan(TimeSpan.FromSeconds(1)), "from the cancel to the engine's return");
        Assert.That(FfmpegProcesses.WithArgument(clip.Path), Is.Empty, "ffmpeg still running");
    }
}
