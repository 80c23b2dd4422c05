using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Tests.Kernel.Media.Encoders;

/// <summary>Exact option strings per encoder; nothing is run.</summary>
public class EncoderSelectionTests
{
    [Test]
    public void VideoOptions_WhenH264OnCpu_UsesLibx264CrfPresetAndPixelFormat()
    {
        var options = EncoderSelection.VideoOptions(new EncodePreset(VideoCodec.H264, 23), EncoderKind.Cpu);

        Assert.That(options, Is.EqualTo("-c:v libx264 -preset medium -crf 23 -pix_fmt yuv420p"));
    }

    [Test]
    public void VideoOptions_WhenHevc10BitCappedWithGop_UsesLibx265Main10AndVbv()
    {
        var preset = new EncodePreset(VideoCodec.Hevc, 26, MaxRateKbps: 3000, BitDepth: 10, GopFrames: 48, Speed: "slow");

        var options = EncoderSelection.VideoOptions(preset, EncoderKind.Cpu);

        Assert.That(options, Is.EqualTo(
            "-c:v libx265 -preset slow -crf 26 -maxrate 3000k -bufsize 6000k -g 48 -pix_fmt yuv420p10le -profile:v main10 -tag:v hvc1 -x265-params log-level=error"));
    }

    [Test]
    public void VideoOptions_WhenAv1_UsesSvtAv1WithNumericPresetAnd10BitFormat()
    {
        var options = EncoderSelection.VideoOptions(new EncodePreset(VideoCodec.Av1, 35, BitDepth: 10, GopFrames: 240), EncoderKind.Cpu);

        Assert.That(options, Is.EqualTo("-c:v libsvtav1 -preset 8 -crf 35 -g 240 -pix_fmt yuv420p10le"));
    }

    [Test]
    public void VideoOptions_WhenH264OnNvenc_UsesConstantQualityVbrWithP5()
    {
        var options = EncoderSelection.VideoOptions(new EncodePreset(VideoCodec.H264, 23, MaxRateKbps: 8000), EncoderKind.Nvenc);

        Assert.That(options, Is.EqualTo("-c:v h264_nvenc -preset p5 -tune hq -rc vbr -cq 23 -b:v 0 -maxrate 8000k -bufsize 16000k -pix_fmt yuv420p"));
    }

    [Test]
    public void VideoOptions_WhenHevc10BitOnNvenc_UsesP010AndMain10()
    {
        var options = EncoderSelection.VideoOptions(new EncodePreset(VideoCodec.Hevc, 28, BitDepth: 10, Speed: "p7", GopFrames: 120), EncoderKind.Nvenc);

        Assert.That(options, Is.EqualTo("-c:v hevc_nvenc -preset p7 -tune hq -rc vbr -cq 28 -b:v 0 -g 120 -pix_fmt p010le -profile:v main10 -tag:v hvc1"));
    }

    [Test]
    public void VideoOptions_WhenH264TenBitOnNvenc_IsNotSupported()
    {
        Assert.That(() => EncoderSelection.VideoOptions(new EncodePreset(VideoCodec.H264, 23, BitDepth: 10), EncoderKind.Nvenc),
            Throws.TypeOf<NotSupportedException>());
    }

    [Test]
    public void EncoderFor_WhenAv1OnNvenc_IsNotSupported()
    {
        Assert.That(() => EncoderSelection.EncoderFor(VideoCodec.Av1, EncoderKind.Nvenc), Throws.TypeOf<NotSupportedException>());
    }

    [TestCase("h264", 52)]
    [TestCase("hevc", -1)]
    [TestCase("av1", 64)]
    public void Validate_WhenQualityOutOfRangeForCodec_Throws(string codec, int quality)
    {
        Assert.That(() => new EncodePreset(VideoCodecNames.Parse(codec), quality).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Validate_WhenSpeedCarriesExtraArguments_Throws()
    {
        Assert.That(() => new EncodePreset(VideoCodec.H264, 23, Speed: "fast -y /etc/passwd").Validate(), Throws.ArgumentException);
    }

    [Test]
    public void EncodeArguments_WhenTwoLanguagesAndSubtitles_MapsEachLanguageKeepsMetadataChaptersAndFastStart()
    {
        var rules = new StreamRules(["eng", "deu"], KeepSubtitles: true, MaxHeight: 720);

        var arguments = EncodeArguments.Build("/lib/a film's \u00e9t\u00e9.mkv", "/work/out.mkv", new EncodePreset(VideoCodec.Hevc, 26), EncoderKind.Cpu, rules);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/lib/a film's \u00e9t\u00e9.mkv\" -map 0:v:0 -map 0:a:m:language:eng? -map 0:a:m:language:deu? -map 0:s? -map_metadata 0 -map_chapters 0 " +
            "-vf \"scale=-2:'min(720,ih)'\" -c:v libx265 -preset medium -crf 26 -pix_fmt yuv420p -tag:v hvc1 -x265-params log-level=error " +
            "-c:a copy -c:s copy -movflags faststart \"/work/out.mkv\" -y"));
    }

    [Test]
    public void EncodeArguments_WhenAudioTranscodedAndDownmixed_SetsCodecBitrateAndChannels()
    {
        var rules = new StreamRules([], AudioCodec: "aac", AudioBitrateKbps: 160, AudioChannels: 2, KeepSubtitles: false);

        var arguments = EncodeArguments.Build("/in.mp4", "/out.mp4", new EncodePreset(VideoCodec.H264, 20, FastStart: false), EncoderKind.Nvenc, rules);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in.mp4\" -map 0:v:0 -map 0:a? -map_metadata 0 -map_chapters 0 -c:v h264_nvenc -preset p5 -tune hq -rc vbr -cq 20 -b:v 0 -pix_fmt yuv420p " +
            "-c:a aac -b:a 160k -ac 2 \"/out.mp4\" -y"));
    }

    [Test]
    public void EncoderProbeArguments_WhenNvenc_EncodesOneLavfiFrameIntoNull()
    {
        var arguments = EncoderProbeArguments.Build(new EncodePreset(VideoCodec.Hevc, 28), EncoderKind.Nvenc);

        Assert.That(arguments, Is.EqualTo(
            "-f lavfi -i \"color=c=black:s=256x144:r=25:d=1\" -frames:v 1 -c:v hevc_nvenc -preset p5 -tune hq -rc vbr -cq 28 -b:v 0 -pix_fmt yuv420p -tag:v hvc1 -f null \"-\""));
    }

    [Test]
    public void QualityMetricsArguments_SamplesAlignedFramesAndScalesTheSourceToTheEncode()
    {
        var arguments = QualityMetricsArguments.Build("/w/out.mp4", "/lib/in.mp4", 5, 1280, 720);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/w/out.mp4\" -i \"/lib/in.mp4\" -filter_complex \"" +
            "[0:v]setpts=PTS-STARTPTS,select='not(mod(n,5))',format=yuv420p,split[d1][d2];" +
            "[1:v]setpts=PTS-STARTPTS,select='not(mod(n,5))',scale=1280:720:flags=bicubic,format=yuv420p,split[r1][r2];" +
            "[d1][r1]ssim=stats_file=ssim.log[s];[d2][r2]psnr=stats_file=psnr.log[p]\" -map [s] -f null - -map [p] -f null \"-\""));
    }
}
