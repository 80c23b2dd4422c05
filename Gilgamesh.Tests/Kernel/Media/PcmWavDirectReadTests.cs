using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media;

/// <summary>
/// A 16-bit mono PCM WAV at an asked rate is read from disk without ffmpeg (<see cref="PcmWavLayout"/>):
/// it must deliver exactly what ffmpeg delivers, and leave every other layout to ffmpeg.
/// </summary>
public class PcmWavDirectReadTests
{
    private static readonly int[] Rates = [8000, 16_000, 22_050, 44_100, 48_000];

    private static PcmDecoder ThroughFfmpeg => new(MediaTools.Locator, MediaTools.Probe) { ReadsPcmWavDirectly = false };

    [Test]
    public async Task MonoInt16Wav_WithAListChunkBeforeData_GivesFfmpegsSamplesExactly()
    {
        var wav = Path.Combine(MediaGenerator.Folder, "direct-mono-22050.wav");
        // The title makes ffmpeg write a LIST chunk between fmt and data, as recorders do.
        await MediaTools.Runner.RunAsync(
            $"-y -f lavfi -i \"sine=frequency=440:sample_rate=22050:duration=3,volume=0.5\" -f lavfi -i \"anoisesrc=r=22050:a=0.1:d=3:seed=7\" -filter_complex amix=inputs=2 -ac 1 -c:a pcm_s16le -metadata title=lecture \"{wav}\"");
        var layout = PcmWavLayout.TryRead(wav);
        Assert.That(layout, Is.Not.Null);
        Assert.That(layout!.SampleRate, Is.EqualTo(22_050));

        var direct = new CollectingPcmSink();
        var ffmpeg = new CollectingPcmSink();
        await MediaTools.PcmDecoder.DecodeInt16Async(wav, Rates, direct);
        await ThroughFfmpeg.DecodeInt16Async(wav, Rates, ffmpeg);

        Assert.That(direct.Rate, Is.EqualTo(ffmpeg.Rate));
        Assert.That(direct.Samples, Has.Count.EqualTo(3 * 22_050));
        Assert.That(direct.Samples, Is.EqualTo(ffmpeg.Samples), "sample for sample");
        Assert.That(direct.LargestChunk, Is.LessThanOrEqualTo(PcmDecoder.Int16ChunkSamples), "memory is bounded by the chunk size");
    }

    [Test]
    public async Task MonoInt16Wav_AtARateNotAsked_IsResampledByFfmpeg()
    {
        var wav = Path.Combine(MediaGenerator.Folder, "direct-mono-44100.wav");
        await MediaTools.Runner.RunAsync("-y -f lavfi -i \"sine=frequency=440:sample_rate=44100:duration=2\" -c:a pcm_s16le \"" + wav + "\"");
        var sink = new CollectingPcmSink();

        await MediaTools.PcmDecoder.DecodeInt16Async(wav, [16_000], sink);

        Assert.That(sink.Rate, Is.EqualTo(16_000));
        Assert.That(sink.Samples, Has.Count.EqualTo(32_000).Within(2));
    }

    [TestCase("stereo", "-ac 2 -c:a pcm_s16le")]
    [TestCase("24-bit", "-c:a pcm_s24le")]
    [TestCase("float", "-c:a pcm_f32le")]
    public async Task OtherWavLayouts_AreLeftToFfmpeg(string name, string codec)
    {
        var wav = Path.Combine(MediaGenerator.Folder, $"direct-{name}.wav");
        await MediaTools.Runner.RunAsync($"-y -f lavfi -i \"sine=frequency=440:sample_rate=16000:duration=1\" {codec} \"{wav}\"");

        Assert.That(PcmWavLayout.TryRead(wav), Is.Null);
        var sink = new CollectingPcmSink();
        await MediaTools.PcmDecoder.DecodeInt16Async(wav, [16_000], sink);
        Assert.That(sink.Samples, Has.Count.EqualTo(16_000), "ffmpeg still decodes it");
    }

    [Test]
    public void NotAWav_IsNotALayout()
    {
        Assert.That(PcmWavLayout.TryRead(MediaGenerator.TextFileNamedMp4()), Is.Null);
        Assert.That(PcmWavLayout.TryRead(Path.Combine(MediaGenerator.Folder, "no-such-file.wav")), Is.Null);
    }

    [Test]
    public async Task ExtensibleHeader_TruncatedData_ReadsWhatIsThere_AndDropsTheHalfSample()
    {
        // WAVE_FORMAT_EXTENSIBLE with the PCM sub-format; the data chunk claims 1,000 samples but the
        // file ends after 5 and a half (a recording cut off mid-write).
        short[] samples = [0, 1000, -1000, short.MaxValue, short.MinValue];
        var path = Path.Combine(MediaGenerator.Folder, "direct-extensible-truncated.wav");
        await File.WriteAllBytesAsync(path, ExtensibleWav(16_000, samples, claimedSamples: 1000, trailingByte: true));

        Assert.That(PcmWavLayout.TryRead(path), Is.EqualTo(new PcmWavLayout(16_000, 68, 11)));
        var sink = new CollectingPcmSink();
        await MediaTools.PcmDecoder.DecodeInt16Async(path, [16_000], sink);

        Assert.That(sink.Rate, Is.EqualTo(16_000));
        Assert.That(sink.Samples, Is.EqualTo(samples));
    }

    [Test]
    public async Task ExtensibleHeader_WithAnotherSubFormat_IsLeftToFfmpeg()
    {
        var bytes = ExtensibleWav(16_000, [1, 2, 3], claimedSamples: 3, trailingByte: false);
        bytes[44] = 3; // sub-format IEEE float instead of PCM
        var path = Path.Combine(MediaGenerator.Folder, "direct-extensible-float.wav");
        await File.WriteAllBytesAsync(path, bytes);

        Assert.That(PcmWavLayout.TryRead(path), Is.Null);
    }

    [Test]
    public async Task Cancelled_DirectRead_Throws()
    {
        var wav = Path.Combine(MediaGenerator.Folder, "direct-mono-16000.wav");
        await MediaTools.Runner.RunAsync("-y -f lavfi -i \"sine=frequency=440:sample_rate=16000:duration=2\" -c:a pcm_s16le \"" + wav + "\"");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        Assert.That(PcmWavLayout.TryRead(wav), Is.Not.Null);
        Assert.That(() => MediaTools.PcmDecoder.DecodeInt16Async(wav, [16_000], new CollectingPcmSink(), cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    private static byte[] ExtensibleWav(int rate, short[] samples, int claimedSamples, bool trailingByte)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(uint.MaxValue);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(40u);
        writer.Write((ushort)0xFFFE);
        writer.Write((ushort)1);          // channels
        writer.Write(rate);
        writer.Write(rate * 2);           // bytes per second
        writer.Write((ushort)2);          // block align
        writer.Write((ushort)16);         // bits per sample
        writer.Write((ushort)22);         // cbSize
        writer.Write((ushort)16);         // valid bits
        writer.Write(4u);                 // channel mask: front centre
        writer.Write(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        writer.Write("data"u8);
        writer.Write((uint)(claimedSamples * 2));
        foreach (var sample in samples)
        {
            writer.Write(sample); // BinaryWriter writes little-endian
        }

        if (trailingByte)
        {
            writer.Write((byte)0x7F);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
