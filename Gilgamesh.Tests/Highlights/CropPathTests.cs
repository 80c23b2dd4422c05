using Gilgamesh.Modules.Highlights.Render;
using Gilgamesh.Tests.Kernel.Media.Render;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// The camera-only crop: <see cref="CropPath"/> on noisy positions (pure) and <see cref="SpeakerTracker"/> on a
/// generated video whose "speaker" (a bright box) jumps across the frame and shakes. Stated bound: the window's centre
/// moves at most <c>MaxSpeed × width / fps</c> between two frames (0.3 × 640 / 25 = 7.68 px here).
/// </summary>
public sealed class CropPathTests
{
    private const int Width = 640;
    private const int Height = 360;
    private const double Fps = 25;
    private static readonly CropMotion Motion = new();
    private static double Bound => Motion.MaxSpeed * Width / Fps;

    [TestCase(0.0)]
    [TestCase(15.0)]
    [TestCase(40.0)]
    public void Smooth_WhenTheSubjectJumpsAndJitters_NoFrameStepExceedsTheBoundAndThePathArrives(double jitter)
    {
        var random = new Random(7);
        // At 2 s the subject jumps from x=120 to x=500; ±jitter px of noise on every sample.
        var samples = Enumerable.Range(0, 50).Select(i => i / 5.0)
            .Select(t => new SubjectSample(t, (t < 2 ? 120 : 500) + (random.NextDouble() * 2 - 1) * jitter, 180 + (random.NextDouble() * 2 - 1) * jitter))
            .ToList();

        var path = CropPath.Smooth(samples, Width, Height, 202, 360, Motion);

        Assert.Multiple(() =>
        {
            Assert.That(CropPath.MaxFrameStep(path, Fps), Is.LessThanOrEqualTo(Bound + 1e-9));
            Assert.That(path[^1].X, Is.EqualTo(500).Within(Motion.Deadband * Width + jitter), "arrives at the subject");
            Assert.That(path.Where(p => p.Time < 2).Select(p => p.X).Distinct().Count(), Is.LessThanOrEqualTo(1 + (jitter > Motion.Deadband * Width ? 10 : 0)),
                "holds still while the subject only jitters within the deadband");
        });
    }

    [Test]
    public void Smooth_WhenTheSubjectNearsTheEdge_KeepsTheWindowInsideTheFrame()
    {
        var samples = Enumerable.Range(0, 30).Select(i => new SubjectSample(i / 5.0, 630, 350)).ToList();

        var path = CropPath.Smooth(samples, Width, Height, 202, 360, Motion);

        Assert.That(path.All(p => p.X - 101 >= 0 && p.X + 101 <= Width && p.Y - 180 >= 0 && p.Y + 180 <= Height), Is.True);
    }

    [Test]
    public async Task TrackAndSmooth_WhenTheSpeakerJumpsInARealVideo_FollowsWithinTheBound()
    {
        // A grey room; a bright 60×120 "speaker" swaying at x≈150 for 3 s, then at x≈470 (box centre), shaking ±10 px at 3 Hz (not a multiple of the 5-fps sampling).
        var video = await RenderTestKit.GenerateAsync("camera-only-speaker.mp4",
            "-f lavfi -i \"color=c=0x404040:s=640x360:r=25:d=6\" -f lavfi -i \"color=c=0xf0c8a0:s=60x120:r=25:d=6\" "
            + "-filter_complex \"[0][1]overlay=x='if(lt(t,3),120,440)+10*sin(2*PI*3*t)':y=120\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var tracker = new SpeakerTracker(MediaTools.FrameDecoder);

        var samples = await tracker.TrackAsync(video, Width, Height, 0, 6, CancellationToken.None);
        var path = CropPath.Smooth(samples, Width, Height, 202, 360, Motion);

        TestContext.Out.WriteLine(string.Join(" ", path.Select(p => $"{p.Time:0.0}:{p.X:0}")));
        Assert.Multiple(() =>
        {
            Assert.That(samples.Count(s => s.X is not null), Is.GreaterThan(20), "the moving speaker is seen");
            Assert.That(CropPath.MaxFrameStep(path, Fps), Is.LessThanOrEqualTo(Bound + 1e-9));
            Assert.That(path.Single(p => Math.Abs(p.Time - 2.8) < 0.01).X, Is.EqualTo(150).Within(40), "on the speaker before the jump");
            Assert.That(path[^1].X, Is.EqualTo(470).Within(40), "on the speaker after the jump");
        });
    }
}
