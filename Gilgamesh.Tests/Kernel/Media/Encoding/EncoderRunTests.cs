using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media.Encoders;

/// <summary>Real ffmpeg runs of the presets, the probe and the metrics on 3-s generated clips.</summary>
public class EncoderRunTests
{
    private static readonly EncoderProbe Probe = new(MediaTools.Runner);
    private static readonly QualityMeter Meter = new(MediaTools.Runner, MediaTools.Probe);

    [TestCase("h264", "libx264")]
    [TestCase("hevc", "libx265")]
    [TestCase("av1", "libsvtav1")]
    public async Task Probe_WhenSoftwareEncoder_Works(string codec, string encoder)
    {
        var result = await Probe.ProbeAsync(VideoCodecNames.Parse(codec), EncoderKind.Cpu);

        Assert.That((result.Encoder, result.Works, result.Reason), Is.EqualTo((encoder, true, (string?)null)));
    }

    [TestCase("h264")]
    [TestCase("hevc")]
    public async Task Probe_WhenNvenc_AgreesWithWhetherThisMachineHasAnNvidiaDevice(string codec)
    {
        // No GPU on the development machines: here this shows the probe says so with ffmpeg's reason; on a
        // machine with /dev/nvidia0 the same test demands that NVENC works.
        var hasDevice = File.Exists("/dev/nvidia0");

        var result = await Probe.ProbeAsync(VideoCodecNames.Parse(codec), EncoderKind.Nvenc);

        Assert.That(result.Works, Is.EqualTo(hasDevice), result.Reason);
        if (!hasDevice) Assert.That(result.Reason, Does.Contain("nvenc").IgnoreCase.Or.Contain("cuda").IgnoreCase.Or.Contain("libcuda"));
    }

    [TestCase("h264", 8)]
    [TestCase("hevc", 10)]
    [TestCase("av1", 8)]
    public async Task Encode_WhenPresetRunsOnClip_OutputHasCodecDurationAndAudio(string codec, int bitDepth)
    {
        using var dir = new TempDirectory("gilgamesh-enc");
        var source = await MediaGenerator.VideoWithToneAsync();
        var output = dir.Combine("out.mp4");
        var preset = new EncodePreset(VideoCodecNames.Parse(codec), codec == "av1" ? 40 : 28, MaxRateKbps: 2000, BitDepth: bitDepth, GopFrames: 50,
            Speed: codec == "av1" ? "12" : "ultrafast");

        await MediaTools.Runner.RunAsync(EncodeArguments.Build(source, output, preset, EncoderKind.Cpu, StreamRules.KeepAll));

        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That(info.PrimaryVideo!.Codec, Is.EqualTo(codec));
        Assert.That(info.DurationSeconds, Is.EqualTo(MediaGenerator.Seconds).Within(0.1));
        Assert.That(info.PrimaryAudio!.Codec, Is.EqualTo("aac"));
    }

    [Test]
    public async Task Measure_WhenComparedWithItself_SsimIsOneAndPsnrTheCeiling()
    {
        var source = await MediaGenerator.VideoWithToneAsync();

        var scores = await Meter.MeasureAsync(source, source, sampleEvery: 5);

        Assert.That(scores.Ssim, Is.EqualTo(1).Within(1e-6));
        Assert.That(scores.Psnr, Is.EqualTo(QualityMeter.PsnrCeiling));
        Assert.That(scores.FramesCompared, Is.EqualTo(15)); // 75 frames, every 5th
    }

    [Test]
    public async Task Measure_WhenQualityDrops_SsimAndPsnrDropInOrder()
    {
        using var dir = new TempDirectory("gilgamesh-enc");
        var source = await MediaGenerator.VideoWithToneAsync();
        var scores = new List<QualityScores>();
        foreach (var crf in new[] { 18, 36, 51 })
        {
            var output = dir.Combine($"crf{crf}.mp4");
            await MediaTools.Runner.RunAsync(EncodeArguments.Build(source, output, new EncodePreset(VideoCodec.H264, crf, Speed: "ultrafast"), EncoderKind.Cpu, StreamRules.KeepAll));
            scores.Add(await Meter.MeasureAsync(output, source, sampleEvery: 3));
        }

        Assert.That(scores.Select(s => s.Ssim), Is.Ordered.Descending);
        Assert.That(scores.Select(s => s.Psnr), Is.Ordered.Descending);
        Assert.That(scores[0].Ssim, Is.GreaterThan(0.97));
        Assert.That(scores[2].Ssim, Is.LessThan(scores[0].Ssim - 0.05));
    }

    [Test]
    public async Task Measure_WhenEncodeIsDownscaled_ComparesAtTheEncodesSize()
    {
        using var dir = new TempDirectory("gilgamesh-enc");
        var source = await MediaGenerator.VideoWithToneAsync();
        var output = dir.Combine("small.mp4");
        await MediaTools.Runner.RunAsync(EncodeArguments.Build(source, output, new EncodePreset(VideoCodec.H264, 18, Speed: "ultrafast"), EncoderKind.Cpu,
            StreamRules.KeepAll with { MaxHeight = 180 }));

        var scores = await Meter.MeasureAsync(output, source, sampleEvery: 5);

        Assert.That((await MediaTools.Probe.ProbeAsync(output)).PrimaryVideo!.Height, Is.EqualTo(180));
        Assert.That(scores.Ssim, Is.GreaterThan(0.9));
    }

    [Test]
    public void ReadValues_WhenPsnrIsInfinite_CountsTheCeiling()
    {
        using var dir = new TempDirectory("gilgamesh-enc");
        var path = dir.Combine("psnr.log");
        File.WriteAllLines(path, ["n:1 mse_avg:0.00 psnr_avg:inf psnr_y:inf", "n:2 mse_avg:1.10 psnr_avg:47.72 psnr_y:47.1"]);

        Assert.That(QualityMeter.ReadValues(path, "psnr_avg:"), Is.EqualTo(new[] { 100, 47.72 }));
    }
}
