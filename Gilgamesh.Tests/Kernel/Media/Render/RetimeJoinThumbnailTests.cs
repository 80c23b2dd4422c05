using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Joins;
using Gilgamesh.Modules.Kernel.Media.Render.Retiming;
using Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>Real retimes, mirrors, joins and thumbnails of generated clips.</summary>
public class RetimeJoinThumbnailTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("render-retime");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [TestCase(2.0, 38)]
    [TestCase(0.5, 150)]
    [TestCase(3.0, 25)]
    public async Task Retime_WhenSpeedIsChanged_HasTheExpectedFrameCountAndDuration(double speed, int frames)
    {
        var output = _folder.Combine("retimed.mp4");

        await RenderTestKit.Kit.RetimeAsync(new RetimeRequest(await MediaGenerator.VideoWithToneAsync(), output, speed));

        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(frames));
        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That(info.DurationSeconds, Is.EqualTo(frames / 25.0).Within(0.05));
        Assert.That(info.PrimaryAudio, Is.Not.Null);
    }

    [Test]
    public async Task Retime_WhenFittedToAnExactFrameCount_HasExactlyThoseFrames()
    {
        var output = _folder.Combine("fitted.mp4");

        await RenderTestKit.Kit.RetimeAsync(new RetimeRequest(await MediaGenerator.VideoWithToneAsync(), output, ExactFrames: 61));

        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(61));
        Assert.That((await MediaTools.Probe.ProbeAsync(output)).DurationSeconds, Is.EqualTo(61 / 25.0).Within(0.05));
    }

    [Test]
    public async Task Retime_WhenMirrored_SwapsLeftAndRight()
    {
        var source = await RenderTestKit.GenerateAsync("red-left-blue-right.mp4",
            "-f lavfi -i \"color=c=blue:s=320x180:r=25:d=1,drawbox=x=0:y=0:w=100:h=180:color=red:t=fill\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var output = _folder.Combine("mirrored.mp4");

        await RenderTestKit.Kit.RetimeAsync(new RetimeRequest(source, output, Mirror: true));

        var before = await RenderTestKit.FrameAsync(source, 0);
        var after = await RenderTestKit.FrameAsync(output, 0);
        // Every pixel (x, y) of the output is the source's (319 − x, y).
        var mirrored = new byte[before.Length];
        for (var y = 0; y < 180; y++)
        {
            for (var x = 0; x < 320; x++)
            {
                Array.Copy(before, (y * 320 + 319 - x) * 3, mirrored, (y * 320 + x) * 3, 3);
            }
        }

        Assert.That(RenderTestKit.MeanDifference(after, mirrored), Is.LessThan(3));
        Assert.That(RenderTestKit.MeanDifference(after, before), Is.GreaterThan(30));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(25));
    }

    [Test]
    public async Task Join_WhenInputsMatch_CopiesWithTheConcatDemuxer()
    {
        var clip = await MediaGenerator.VideoWithToneAsync();
        var output = _folder.Combine("joined.mp4");

        var plan = await RenderTestKit.Kit.JoinAsync(new JoinRequest([clip, clip], output));

        Assert.That(plan, Is.EqualTo(new JoinPlan(JoinMethod.ConcatDemuxer, null)));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(150));
    }

    [Test]
    public async Task Join_WhenSizesDiffer_ReEncodesWithTheConcatFilterAndSaysWhy()
    {
        var small = await MediaGenerator.GenerateAsync("small-320.mp4", new GeneratedClipSpec(MediaTime.FromSeconds(2), 320, 180));
        var output = _folder.Combine("joined.mp4");

        var plan = await RenderTestKit.Kit.JoinAsync(new JoinRequest([await MediaGenerator.VideoWithToneAsync(), small], output));

        Assert.That(plan.Method, Is.EqualTo(JoinMethod.ConcatFilter));
        Assert.That(plan.Reason, Does.Contain("320x180"));
        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That((info.PrimaryVideo!.Width, info.PrimaryVideo.Height), Is.EqualTo((640, 360)));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(125));
    }

    [Test]
    public async Task Join_WithACrossfade_IsShorterByTheFadeAtEachBoundary()
    {
        var clip = await MediaGenerator.VideoWithToneAsync();
        var output = _folder.Combine("faded.mp4");

        var plan = await RenderTestKit.Kit.JoinAsync(new JoinRequest([clip, clip, clip], output, MediaTime.FromSeconds(0.5)));

        Assert.That(plan.Method, Is.EqualTo(JoinMethod.Crossfade));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(3 * 75 - 2 * 12.5).Within(1));
    }

    [Test]
    public async Task Thumbnail_WhenTheSpanStartsBlackThenBlurred_PicksASharpFrame()
    {
        // 0–1 s black, 1–2 s blurred, 2–3 s sharp testsrc2.
        var source = await RenderTestKit.GenerateAsync("black-blur-sharp.mp4",
            "-f lavfi -i \"testsrc2=s=320x180:r=25:d=3,boxblur=8:enable='lt(t,2)',drawbox=color=black:t=fill:enable='lt(t,1)'\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var output = _folder.Combine("thumb.jpg");

        var thumbnail = await RenderTestKit.Kit.ThumbnailAsync(new ThumbnailRequest(source, output, Samples: 6));

        Assert.That(thumbnail.Time.Seconds, Is.GreaterThan(2));
        Assert.That(thumbnail.MeanLuma, Is.GreaterThan(24));
        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That((info.PrimaryVideo!.Codec, info.PrimaryVideo.Width), Is.EqualTo(("mjpeg", 320)));
    }
}
