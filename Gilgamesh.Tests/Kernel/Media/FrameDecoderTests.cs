using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media;

public class FrameDecoderTests
{
    [Test]
    public async Task Decode_WhenNativeRateAndSize_YieldsFpsTimesDurationRgbFrames()
    {
        var frames = await DecodeAsync(await MediaGenerator.VideoWithToneAsync(), new FrameRequest(MediaGenerator.FrameRate));

        Assert.That(frames, Has.Count.EqualTo(MediaGenerator.FrameRate * MediaGenerator.Seconds).Within(1));
        Assert.That(frames.Select(f => (f.Width, f.Height, f.Pixels.Length)).Distinct(), Is.EqualTo(new[] { (640, 360, 640 * 360 * 3) }));
        Assert.That(frames.Select(f => f.Index), Is.EqualTo(Enumerable.Range(0, frames.Count)));
        Assert.That(frames[10].TimeSeconds, Is.EqualTo(0.4).Within(1e-9));
    }

    [Test]
    public async Task Decode_WhenOnlyWidthGivenAtLowRate_KeepsAspectWithEvenHeightInGray()
    {
        var frames = await DecodeAsync(await MediaGenerator.VideoOnlyAsync(), new FrameRequest(5, Width: 320, PixelFormat: FramePixelFormat.Gray8));

        Assert.That(frames, Has.Count.EqualTo(5 * MediaGenerator.Seconds).Within(1));
        Assert.That((frames[0].Width, frames[0].Height, frames[0].Pixels.Length), Is.EqualTo((320, 180, 320 * 180)));
    }

    [Test]
    public void ResolveSize_WhenOnlyHeightGiven_RoundsWidthToEven()
    {
        Assert.That(new FrameRequest(1, Height: 100).ResolveSize(640, 360), Is.EqualTo((178, 100)));
    }

    [Test]
    public async Task Decode_WhenConsumerStopsEarly_StopsWithoutReadingTheRest()
    {
        var taken = 0;
        await foreach (var _ in MediaTools.FrameDecoder.DecodeAsync(await MediaGenerator.VideoWithToneAsync(), new FrameRequest(25)))
        {
            if (++taken == 3)
            {
                break;
            }
        }

        Assert.That(taken, Is.EqualTo(3));
    }

    private static async Task<List<VideoFrame>> DecodeAsync(string path, FrameRequest request)
    {
        var frames = new List<VideoFrame>();
        await foreach (var frame in MediaTools.FrameDecoder.DecodeAsync(path, request))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
