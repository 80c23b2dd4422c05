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

    [TestCase(48_000, 48_000)]
    [TestCase(22_050, 22_050)]
    [TestCase(96_000, 48_000)]
    public async Task DecodeInt16_PicksTheNearestAllowedRate_AndAtTheSourceRateYieldsExactlyItsSamples(int sourceRate, int expectedRate)
    {
        var wav = await ToneWavAsync(sourceRate);
        var sink = new CollectingPcmSink();

        await MediaTools.PcmDecoder.DecodeInt16Async(wav, [8000, 16_000, 22_050, 44_100, 48_000], sink);

        Assert.That(sink.Rate, Is.EqualTo(expectedRate));
        Assert.That(sink.Samples, Has.Count.EqualTo((int)(MediaGenerator.Seconds * expectedRate)).Within(sourceRate == expectedRate ? 0 : 2));
        // The float path (same down-mix) at the same rate is the reference level.
        var asFloat = new List<float>();
        await foreach (var chunk in MediaTools.PcmDecoder.DecodeAsync(wav, expectedRate)) asFloat.AddRange(chunk);
        var rms = Math.Sqrt(sink.Samples.Average(s => (double)s * s)) / 32768;
        Assert.That(rms, Is.EqualTo(Math.Sqrt(asFloat.Average(f => (double)f * f))).Within(1).Percent);
        Assert.That(rms, Is.GreaterThan(MediaGenerator.ToneAmplitude / 4), "a tone, not silence");
        Assert.That(sink.LargestChunk, Is.LessThanOrEqualTo(Gilgamesh.Modules.Kernel.Media.PcmDecoder.Int16ChunkSamples), "memory is bounded by the chunk size");
    }

    [Test]
    public async Task DecodeInt16_AtOneRate_IsTheFloatStreamInSixteenBits()
    {
        var clip = await MediaGenerator.VideoWithToneAsync();
        var asFloat = new List<float>();
        await foreach (var chunk in MediaTools.PcmDecoder.DecodeAsync(clip, 16_000)) asFloat.AddRange(chunk);
        var sink = new CollectingPcmSink();

        await MediaTools.PcmDecoder.DecodeInt16Async(clip, [16_000], sink);

        Assert.That(sink.Rate, Is.EqualTo(16_000));
        Assert.That(sink.Samples, Has.Count.EqualTo(asFloat.Count));
        var worst = asFloat.Zip(sink.Samples, (f, s) => Math.Abs(f * 32768 - s)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(1.0), "within one 16-bit step");
    }

    [Test]
    public async Task DecodeInt16_WhenFileHasNoAudio_ThrowsFfmpegErrorBeforeBegin()
    {
        // The lean path does not probe; ffmpeg itself refuses the missing stream.
        var video = await MediaGenerator.VideoOnlyAsync();
        var sink = new CollectingPcmSink();

        var error = Assert.ThrowsAsync<FfmpegException>(() => MediaTools.PcmDecoder.DecodeInt16Async(video, [16_000], sink));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.FfmpegFailed));
        Assert.That(sink.Rate, Is.Null);
    }

    // Stereo, so the decoder's down-mix is exercised too.
    private static async Task<string> ToneWavAsync(int sampleRate)
    {
        var path = Path.Combine(MediaGenerator.Folder, $"tone-stereo-{sampleRate}.wav");
        await MediaTools.Runner.RunAsync(FormattableString.Invariant(
            $"-y -f lavfi -i \"sine=frequency=440:sample_rate={sampleRate}:duration={MediaGenerator.Seconds}\" -ac 2 -c:a pcm_s16le \"{path}\""));
        return path;
    }
}
