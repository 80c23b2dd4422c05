using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media;

public class PcmDecoderTests
{
    [Test]
    public async Task Decode_WhenClipHasTone_YieldsDurationTimesRateSamplesAtToneRms()
    {
        const int rate = 16000;
        long count = 0;
        double sumOfSquares = 0;
        var largestChunk = 0;

        await foreach (var chunk in MediaTools.PcmDecoder.DecodeAsync(await MediaGenerator.VideoWithToneAsync(), rate))
        {
            count += chunk.Length;
            largestChunk = Math.Max(largestChunk, chunk.Length);
            foreach (var sample in chunk)
            {
                sumOfSquares += sample * sample;
            }
        }

        Assert.That(count, Is.EqualTo(MediaGenerator.Seconds * rate).Within(1).Percent);
        Assert.That(Math.Sqrt(sumOfSquares / count), Is.EqualTo(MediaGenerator.ToneAmplitude / Math.Sqrt(2)).Within(5).Percent);
        Assert.That(largestChunk, Is.LessThanOrEqualTo(Gilgamesh.Modules.Kernel.Media.PcmDecoder.ChunkSamples), "memory is bounded by the chunk size");
    }

    [Test]
    public async Task Decode_WhenAudioOnlyWav_YieldsExactSampleCountAtLowerRate()
    {
        long count = 0;
        await foreach (var chunk in MediaTools.PcmDecoder.DecodeAsync(await MediaGenerator.ToneOnlyAsync(), 8000))
        {
            count += chunk.Length;
        }

        Assert.That(count, Is.EqualTo(MediaGenerator.Seconds * 8000).Within(1).Percent);
    }

    [Test]
    public async Task Decode_WhenFileHasNoAudio_ReturnsEmpty()
    {
        var chunks = 0;
        await foreach (var _ in MediaTools.PcmDecoder.DecodeAsync(await MediaGenerator.VideoOnlyAsync(), 16000))
        {
            chunks++;
        }

        Assert.That(chunks, Is.Zero);
    }

    [Test]
    public void Decode_WhenFileIsNotMedia_ThrowsUnreadable()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(async () =>
        {
            await foreach (var _ in MediaTools.PcmDecoder.DecodeAsync(MediaGenerator.TextFileNamedMp4(), 16000))
            {
            }
        })!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }
}
