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
    public async Task Open_WhenReadBlockingWithReusedBuffer_YieldsEveryPlanarFrameInOneArray()
    {
        var request = new FrameRequest(MediaGenerator.FrameRate, 160, null, FramePixelFormat.Gbrp) { Fidelity = FrameFidelity.Fast, ReuseBuffer = true };
        var arrays = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        var frames = 0;

        await using (var reader = await MediaTools.FrameDecoder.OpenAsync(await MediaGenerator.VideoWithToneAsync(), request))
        {
            while (reader.Read() is { } frame)
            {
                Assert.That((frame.Index, frame.Width, frame.Height, frame.Pixels.Length), Is.EqualTo((frames, 160, 90, 160 * 90 * 3)));
                arrays.Add(frame.Pixels);
                frames++;
            }

            await reader.CompleteAsync();
        }

        Assert.That(frames, Is.EqualTo(MediaGenerator.FrameRate * MediaGenerator.Seconds).Within(1));
        Assert.That(arrays, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Decode_WhenStartingMidStreamWithALimit_YieldsExactlyThoseFramesOfAWholeDecode()
    {
        // Seeking a quarter frame early: the first frame is frame 37 (between keyframes), whatever the rounding.
        var path = await MediaGenerator.VideoWithToneAsync();
        var whole = await DecodeAsync(path, new FrameRequest(MediaGenerator.FrameRate, 160));
        var part = await DecodeAsync(path, new FrameRequest(MediaGenerator.FrameRate, 160)
        {
            StartSeconds = (37 - 0.25) / MediaGenerator.FrameRate,
            FrameLimit = 20,
            DecoderThreads = 1,
        });

        Assert.That(part, Has.Count.EqualTo(20));
        Assert.That(part.Select(f => f.Pixels), Is.EqualTo(whole.Skip(37).Take(20).Select(f => f.Pixels)));
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
