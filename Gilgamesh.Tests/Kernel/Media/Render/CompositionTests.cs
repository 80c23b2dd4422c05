using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Composition;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>Real compositions of generated colour blocks, checked by pixels.</summary>
public class CompositionTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("render-compose");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public async Task Compose_WhenPortraitFromLandscapeWithSlideAboveCamera_PutsEachRegionInItsPanel()
    {
        // 640×360: a blue slide on the left (400×360), a green camera box on the right (240×180 at 400,90), red elsewhere.
        var source = await RenderTestKit.GenerateAsync("slide-camera.mp4",
            "-f lavfi -i \"color=c=red:s=640x360:r=25:d=1,drawbox=x=0:y=0:w=400:h=360:color=blue:t=fill,drawbox=x=400:y=90:w=240:h=180:color=lime:t=fill\" " +
            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var output = _folder.Combine("portrait.mp4");

        await RenderTestKit.Kit.ComposeAsync(new CompositionRequest(source, output, Canvas.Portrait,
            new StackedLayout(new Region(0, 0, 400, 360), new Region(400, 90, 240, 180))));

        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That((info.PrimaryVideo!.Width, info.PrimaryVideo.Height), Is.EqualTo((1080, 1920)));
        var frame = await RenderTestKit.FrameAsync(output, 0);
        // Top panel 1080×960: the slide fits as 1066×960 (bars of 7 px); bottom: the camera fits as 1080×810 at y 960+75.
        Assert.That(Pixel(frame, 1080, 540, 480), Is.EqualTo(Blue), "slide in the top panel");
        Assert.That(Pixel(frame, 1080, 20, 100), Is.EqualTo(Blue), "slide fills the top panel's width");
        Assert.That(Pixel(frame, 1080, 2, 480), Is.EqualTo(Black), "bars beside the slide");
        Assert.That(Pixel(frame, 1080, 540, 1365), Is.EqualTo(Green), "camera in the bottom panel");
        Assert.That(Pixel(frame, 1080, 540, 1040), Is.EqualTo(Green), "camera starts 75 px into its panel (y 1035)");
        Assert.That(Pixel(frame, 1080, 540, 1030), Is.EqualTo(Black), "bar above the camera");
        Assert.That(Pixel(frame, 1080, 540, 1900), Is.EqualTo(Black), "bar below the camera");
    }

    [Test]
    public async Task Compose_WhenSingleRegionWithBlurredFill_FillsTheBarsWithTheRegionsColourInsteadOfBlack()
    {
        var source = await RenderTestKit.GenerateAsync("blue-block.mp4",
            "-f lavfi -i \"color=c=blue:s=640x360:r=25:d=1\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var letterbox = _folder.Combine("letterbox.mp4");
        var blurred = _folder.Combine("blurred.mp4");

        await RenderTestKit.Kit.ComposeAsync(new CompositionRequest(source, letterbox, new Canvas(360, 640), new SingleRegionLayout(new Region(0, 0, 640, 360))));
        await RenderTestKit.Kit.ComposeAsync(new CompositionRequest(source, blurred, new Canvas(360, 640), new SingleRegionLayout(new Region(0, 0, 640, 360), BackgroundFill.Blur)));

        Assert.That(Pixel(await RenderTestKit.FrameAsync(letterbox, 0), 360, 180, 40), Is.EqualTo(Black));
        Assert.That(Pixel(await RenderTestKit.FrameAsync(blurred, 0), 360, 180, 40), Is.EqualTo(Blue));
        Assert.That(Pixel(await RenderTestKit.FrameAsync(blurred, 0), 360, 180, 320), Is.EqualTo(Blue));
    }

    [Test]
    public async Task Compose_WhenTheCropMovesAlongKeyframes_TheWindowCentreFollowsThePathWithin2PixelsEveryFrame()
    {
        // A white 16×16 square centred at (320, 180) on black; the 320×180 window moves, so the square moves the other way.
        var source = await RenderTestKit.GenerateAsync("square.mp4",
            "-f lavfi -i \"color=c=black:s=640x360:r=25:d=2,drawbox=x=312:y=172:w=16:h=16:color=white:t=fill\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var output = _folder.Combine("moving.mp4");
        var path = new[]
        {
            new CropKeyframe(MediaTime.FromSeconds(0), new Region(160, 90, 320, 180)),
            new CropKeyframe(MediaTime.FromSeconds(0.8), new Region(290, 150, 320, 180)),
            new CropKeyframe(MediaTime.FromSeconds(1.6), new Region(200, 105, 320, 180)),
        };

        await RenderTestKit.Kit.ComposeAsync(new CompositionRequest(source, output, new Canvas(320, 180), new MovingCropLayout(path)));

        var errors = new List<double>();
        await foreach (var frame in MediaTools.FrameDecoder.DecodeAsync(output, new FrameRequest(25, PixelFormat: FramePixelFormat.Gray8)))
        {
            var (x, y) = Centroid(frame.Pixels, frame.Width);
            // The square's centre in the window is (320 − windowX, 180 − windowY); the window's centre is windowX + 160.
            var (expectedX, expectedY) = (Lerp(path, frame.TimeSeconds, r => r.X), Lerp(path, frame.TimeSeconds, r => r.Y));
            errors.Add(Math.Max(Math.Abs(320 - x - expectedX), Math.Abs(180 - y - expectedY)));
        }

        Assert.That(errors, Has.Count.EqualTo(50));
        Assert.That(errors, Has.All.LessThanOrEqualTo(2), string.Join(", ", errors.Select(e => e.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));
    }

    private static readonly (int R, int G, int B) Blue = (0, 0, 255), Green = (0, 255, 0), Black = (0, 0, 0);

    /// <summary>The pixel snapped to the nearest pure colour (encoding moves values by a few steps).</summary>
    private static (int R, int G, int B) Pixel(byte[] rgb, int width, int x, int y)
    {
        var i = (y * width + x) * 3;
        static int Snap(byte v) => v > 127 ? 255 : 0;
        return (Snap(rgb[i]), Snap(rgb[i + 1]), Snap(rgb[i + 2]));
    }

    private static (double X, double Y) Centroid(byte[] gray, int width)
    {
        double sx = 0, sy = 0, n = 0;
        for (var i = 0; i < gray.Length; i++)
        {
            if (gray[i] > 128)
            {
                sx += i % width;
                sy += i / width;
                n++;
            }
        }

        // Pixel centres: a square over columns 152..167 has its centre at 160.
        return (sx / n + 0.5, sy / n + 0.5);
    }

    private static double Lerp(IReadOnlyList<CropKeyframe> path, double t, Func<Region, int> value)
    {
        if (t <= path[0].Time.Seconds) return value(path[0].Window);
        for (var i = 1; i < path.Count; i++)
        {
            if (t <= path[i].Time.Seconds)
            {
                var (a, b) = (path[i - 1], path[i]);
                return value(a.Window) + (value(b.Window) - value(a.Window)) * (t - a.Time.Seconds) / (b.Time.Seconds - a.Time.Seconds);
            }
        }

        return value(path[^1].Window);
    }
}
