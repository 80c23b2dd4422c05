using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Tests.Support.GroundTruth;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Layout;

/// <summary>
/// Issue 20 (3): a camera whose picture is mostly still (a person before a still room) is reported as its own
/// rectangle, not as the moving pixels inside it. Variants differ in inset size (20–30% of the width), corner,
/// wall colour (light near the slide's white, mid, dark) and border; the 2:1 side by side in wall colour.
/// </summary>
public sealed class StillCameraLayoutTests
{
    private const double MinIoU = 0.85;

    private static LayoutEngine Engine => new(MediaTools.FrameDecoder, MediaTools.Probe);

    private static double IoU(LayoutRegion? found, LayoutGroundTruth.Rect truth) =>
        found is null ? 0 : found.ToRect().IoU(new NormalizedRect(truth.X, truth.Y, truth.Width, truth.Height));

    [TestCase("bottom-left", 0.25, 1, false)]
    [TestCase("bottom-left", 0.25, 0, false)]
    [TestCase("top-right", 0.20, 2, false)]
    [TestCase("bottom-right", 0.30, 0, true)]
    [TestCase("top-left", 0.30, 1, true)]
    [TestCase("bottom-right", 0.22, 2, false)]
    [TestCase("top-left", 0.20, 0, false)]
    public async Task Detect_SlideWithMostlyStillCameraInset_ReportsTheInsetRectangleWithIoUAtLeast085(string corner, double widthFraction, int wall, bool border)
    {
        var clip = await LayoutGroundTruth.StillCameraInsetAsync(corner, widthFraction, wall, border);

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        var segment = result.Segments.Single();
        TestContext.Out.WriteLine($"{corner} {widthFraction} wall {wall} border {border}: {segment}; truth {clip.Camera}");
        Assert.Multiple(() =>
        {
            Assert.That(segment.Layout, Is.EqualTo(LayoutKinds.PictureInPicture));
            Assert.That(segment.Corner, Is.EqualTo(corner));
            Assert.That(IoU(segment.Camera, clip.Camera!), Is.GreaterThanOrEqualTo(MinIoU), "camera IoU");
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public async Task Detect_SlideBesideMostlyStillCamera2To1_IsSideBySideWithBothRegions(int wall)
    {
        var clip = await LayoutGroundTruth.StillCameraSideBySideAsync(wall);

        var result = await Engine.RunAsync(clip.Path, new LayoutOptions());

        var segment = result.Segments.Single();
        TestContext.Out.WriteLine($"side by side wall {wall}: {segment}");
        Assert.Multiple(() =>
        {
            Assert.That(segment.Layout, Is.EqualTo(LayoutKinds.SideBySide));
            Assert.That(segment.Corner, Is.EqualTo("right"));
            Assert.That(IoU(segment.Camera, clip.Camera!), Is.GreaterThanOrEqualTo(MinIoU), "camera IoU");
            Assert.That(IoU(segment.Slide, clip.Slide!), Is.GreaterThanOrEqualTo(MinIoU), "slide IoU");
        });
    }
}
