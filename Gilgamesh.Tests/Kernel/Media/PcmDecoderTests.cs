using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
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

    [Test]
    public async Task DecodeInt16_AtTheSourceRate_YieldsExactlyTheSourceSamplesInBoundedReusedChunks()
    {
        const int sourceRate = 48_000; // ToneOnlyAsync's WAV
        var wav = await MediaGenerator.ToneOnlyAsync();
        long count = 0;
        double sumOfSquares = 0;
        var largestChunk = 0;

        await MediaTools.PcmDecoder.DecodeInt16Async(wav, sourceRate, chunk =>
        {
            count += chunk.Length;
            largestChunk = Math.Max(largestChunk, chunk.Length);
            foreach (var sample in chunk)
            {
                sumOfSquares += (double)sample * sample;
            }
        });

        Assert.That(count, Is.EqualTo((long)(MediaGenerator.Seconds * sourceRate)), "no resampler: every source sample, no more");
        Assert.That(Math.Sqrt(sumOfSquares / count) / 32768, Is.EqualTo(MediaGenerator.ToneAmplitude / Math.Sqrt(2)).Within(1).Percent);
        Assert.That(largestChunk, Is.LessThanOrEqualTo(Gilgamesh.Modules.Kernel.Media.PcmDecoder.Int16ChunkSamples), "memory is bounded by the chunk size");
    }

    [Test]
    public async Task DecodeInt16_IsTheFloatStreamInSixteenBits()
    {
        var clip = await MediaGenerator.VideoWithToneAsync();
        var asFloat = new List<float>();
        await foreach (var chunk in MediaTools.PcmDecoder.DecodeAsync(clip, 16_000)) asFloat.AddRange(chunk);
        var asInt16 = new List<short>();

        await MediaTools.PcmDecoder.DecodeInt16Async(clip, 16_000, chunk => asInt16.AddRange(chunk));

        Assert.That(asInt16, Has.Count.EqualTo(asFloat.Count));
        var worst = asFloat.Zip(asInt16, (f, s) => Math.Abs(f * 32768 - s)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(1.0), "within one 16-bit step");
    }

    [Test]
    public async Task DecodeInt16_WhenFileHasNoAudio_ThrowsFfmpegError()
    {
        // The lean path leaves probing to its caller; ffmpeg itself refuses the missing stream.
        var video = await MediaGenerator.VideoOnlyAsync();

        var error = Assert.ThrowsAsync<FfmpegException>(() => MediaTools.PcmDecoder.DecodeInt16Async(video, 16_000, _ => { }));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.FfmpegFailed));
    }
}
