using System.Globalization;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

/// <summary>Exact ffmpeg argument strings; nothing is run.</summary>
public class ArgumentBuilderTests
{
    [Test]
    public void ClipCut_WhenStreamCopy_SeeksInputAndCopiesWithZeroedTimestamps()
    {
        var arguments = ClipCutArguments.Build("/in/a b.mp4", "/out/c.mp4", MediaTime.FromSeconds(1.5), MediaTime.FromSeconds(1));

        Assert.That(arguments, Is.EqualTo("-ss 1.500 -i \"/in/a b.mp4\" -t 1.000 -c copy -avoid_negative_ts make_zero \"/out/c.mp4\" -y"));
    }

    [Test]
    public void ClipCut_WhenReEncoding_UsesCodecCrfAndPreset()
    {
        var arguments = ClipCutArguments.Build("/in/a.mp4", "/out/c.mp4", MediaTime.FromSeconds(62.25), MediaTime.FromSeconds(10),
            new VideoEncoding("libx264", new Crf(23), "fast"));

        Assert.That(arguments, Is.EqualTo("-ss 62.250 -i \"/in/a.mp4\" -t 10.000 -c:v libx264 -crf 23 -preset fast -c:a aac \"/out/c.mp4\" -y"));
    }

    [Test]
    public void ClipCut_WhenDurationIsZero_Throws()
    {
        Assert.That(() => ClipCutArguments.Build("/a.mp4", "/b.mp4", MediaTime.FromSeconds(1), MediaTime.FromSeconds(0)),
            Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Concat_UsesConcatDemuxerWithUnsafePathsAndStreamCopy()
    {
        var arguments = ConcatArguments.Build("/tmp/job 1/list.txt", "/out/joined.mp4");

        Assert.That(arguments, Is.EqualTo("-f concat -safe 0 -i \"/tmp/job 1/list.txt\" -c copy \"/out/joined.mp4\" -y"));
    }

    [Test]
    public void ConcatList_WhenPathHasSingleQuote_EscapesItForTheDemuxer()
    {
        var list = ConcatListFile.Render(["/media/a.mp4", "/media/it's here.mp4"]);

        Assert.That(list, Is.EqualTo("file '/media/a.mp4'\nfile '/media/it'\\''s here.mp4'\n"));
    }

    [Test]
    public void Transcode_WhenCrfAndWidthOnly_ScalesKeepingAspectAndMovesIndexToFront()
    {
        var settings = new TranscodeSettings
        {
            VideoCodec = "libx264", Crf = new Crf(20), Preset = "medium", Width = 1280,
            PixelFormat = "yuv420p", AudioCodec = "aac", AudioBitrateKbps = 128,
        };

        var arguments = TranscodeArguments.Build("/in/movie.mkv", "/out/movie.mp4", settings);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in/movie.mkv\" -c:v libx264 -crf 20 -preset medium -vf \"scale=1280:-2\" -pix_fmt yuv420p -c:a aac -b:a 128k -movflags faststart \"/out/movie.mp4\" -y"));
    }

    [Test]
    public void Transcode_WhenBitrateHeightOnlyAndNoAudio_DropsAudio()
    {
        var settings = new TranscodeSettings
        {
            VideoCodec = "hevc_nvenc", VideoBitrateKbps = 2500, Preset = "p5", Height = 720, AudioCodec = null, FastStart = false,
        };

        var arguments = TranscodeArguments.Build("/in/movie.mkv", "/out/movie.mkv", settings);

        Assert.That(arguments, Is.EqualTo("-i \"/in/movie.mkv\" -c:v hevc_nvenc -b:v 2500k -preset p5 -vf \"scale=-2:720\" -an \"/out/movie.mkv\" -y"));
    }

    [Test]
    public void Transcode_WhenCrfAndBitrateBothGiven_Throws()
    {
        var settings = new TranscodeSettings { VideoCodec = "libx264", Crf = new Crf(20), VideoBitrateKbps = 1000 };

        Assert.That(() => TranscodeArguments.Build("/a.mkv", "/b.mp4", settings), Throws.ArgumentException);
    }

    [Test]
    public void Transcode_WhenCodecNameCarriesExtraArguments_Throws()
    {
        var settings = new TranscodeSettings { VideoCodec = "libx264 -f null" };

        Assert.That(() => TranscodeArguments.Build("/a.mkv", "/b.mp4", settings), Throws.ArgumentException);
    }

    [Test]
    public void GeneratedClip_WhenVideoAndTone_UsesTwoLavfiInputs()
    {
        var arguments = GeneratedClipArguments.Build("/tmp/clip.mp4", new GeneratedClipSpec(MediaTime.FromSeconds(3)));

        Assert.That(arguments, Is.EqualTo(
            "-f lavfi -i \"testsrc2=size=640x360:rate=25:duration=3.000\" -f lavfi -i \"sine=frequency=440:sample_rate=48000:duration=3.000\" " +
            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -fflags +bitexact \"/tmp/clip.mp4\" -y"));
    }

    [Test]
    public void GeneratedClip_WhenToneOnly_HasNoVideoInput()
    {
        var spec = new GeneratedClipSpec(MediaTime.FromSeconds(2), IncludeVideo: false, SampleRate: 16000, AudioCodec: "pcm_s16le");

        var arguments = GeneratedClipArguments.Build("/tmp/tone.wav", spec);

        Assert.That(arguments, Is.EqualTo(
            "-f lavfi -i \"sine=frequency=440:sample_rate=16000:duration=2.000\" -c:a pcm_s16le -fflags +bitexact \"/tmp/tone.wav\" -y"));
    }

    [Test]
    public void PcmDecode_AsksForMonoFloatOnStdout()
    {
        Assert.That(DecoderArguments.Pcm("/in/a b.mp4", 16000),
            Is.EqualTo("-i \"/in/a b.mp4\" -map 0:a:0 -ac 1 -ar 16000 -f f32le \"pipe:1\""));
    }

    [Test]
    public void PcmInt16Decode_AsksForMonoS16WavAtTheNearestAllowedRateInFullBuffers()
    {
        Assert.That(DecoderArguments.PcmInt16Wav("/in/a b.wav", [16000, 22050, 48000]),
            Is.EqualTo("-i \"/in/a b.wav\" -map 0:a:0 -ac 1 -af aformat=sample_rates=16000|22050|48000 -rematrix_maxval 1000 -flush_packets 0 -fflags +bitexact -f wav \"pipe:1\""));
    }

    [Test]
    public void PcmInt16Decode_WithOneRate_ForcesIt()
    {
        Assert.That(DecoderArguments.PcmInt16Wav("/in/a.mp4", [16000]), Does.Contain(" -af aformat=sample_rates=16000 "));
    }

    [Test]
    public void PcmInt16Decode_WithoutRates_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DecoderArguments.PcmInt16Wav("/in/a.mp4", []));
    }

    [Test]
    public void FrameDecode_ResamplesScalesAndWritesRawFramesOnStdout()
    {
        Assert.That(DecoderArguments.Frames("/in/a.mp4", 0, 320, 180, new FrameRequest(2.5, PixelFormat: FramePixelFormat.Gray8)),
            Is.EqualTo("-i \"/in/a.mp4\" -map 0:0 -vf \"fps=2.5,scale=320:180\" -pix_fmt gray -f rawvideo \"pipe:1\""));
    }

    [Test]
    public void FrameDecode_WhenFast_SkipsTheLoopFilterBeforeTheInputAndScalesFastBilinear()
    {
        var request = new FrameRequest(25, PixelFormat: FramePixelFormat.Gbrp) { Fidelity = FrameFidelity.Fast };

        Assert.That(DecoderArguments.Frames("/in/a b.mp4", 1, 160, 90, request),
            Is.EqualTo("-skip_loop_filter all -i \"/in/a b.mp4\" -map 0:1 -vf \"fps=25,scale=160:90:flags=fast_bilinear\" -pix_fmt gbrp -f rawvideo \"pipe:1\""));
    }

    [Test]
    public void FrameDecode_WhenASegment_SeeksTheInputWithOneThreadAndLimitsTheFrames()
    {
        var request = new FrameRequest(25, PixelFormat: FramePixelFormat.Gbrp) { Fidelity = FrameFidelity.Fast, StartSeconds = 284.98, FrameLimit = 7615, DecoderThreads = 1 };

        Assert.That(DecoderArguments.Frames("/in/a.mp4", 0, 160, 90, request),
            Is.EqualTo("-threads 1 -skip_loop_filter all -ss 284.98 -i \"/in/a.mp4\" -map 0:0 -vf \"fps=25,scale=160:90:flags=fast_bilinear\" -frames:v 7615 -pix_fmt gbrp -f rawvideo \"pipe:1\""));
    }

    [Test]
    public void Builders_WhenCurrentCultureUsesDecimalComma_StillWriteDecimalPoints()
    {
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = DecimalCommaCulture();
        try
        {
            Assert.That(1.5.ToString(CultureInfo.CurrentCulture), Is.EqualTo("1,5"), "precondition: the culture really uses a comma");
            Assert.That(ClipCutArguments.Build("/a.mp4", "/b.mp4", MediaTime.FromSeconds(1.5), MediaTime.FromSeconds(0.25)),
                Does.StartWith("-ss 1.500 -i \"/a.mp4\" -t 0.250 "));
            Assert.That(GeneratedClipArguments.Build("/c.mp4", new GeneratedClipSpec(MediaTime.FromSeconds(1), ToneHz: 440.5)),
                Does.Contain("sine=frequency=440.5:sample_rate=48000:duration=1.000"));
            Assert.That(DecoderArguments.Frames("/a.mp4", 0, 2, 2, new FrameRequest(12.5) { StartSeconds = 1.5 }), Does.Contain("fps=12.5,").And.Contain("-ss 1.5 "));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Test]
    public void Builders_WhenPathContainsDoubleQuote_Throw()
    {
        Assert.That(() => ConcatArguments.Build("/tmp/a\"b.txt", "/out.mp4"), Throws.ArgumentException);
    }

    [TestCase(-1)]
    [TestCase(64)]
    public void Crf_WhenOutOfRange_Throws(int value)
    {
        Assert.That(() => new Crf(value), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0.0, "0.000")]
    [TestCase(1.0005, "1.001")]
    [TestCase(3723.4, "3723.400")]
    public void MediaTime_FormatsInvariantSecondsWithMilliseconds(double seconds, string expected)
    {
        Assert.That(MediaTime.FromSeconds(seconds).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void MediaTime_WhenNegative_Throws()
    {
        Assert.That(() => MediaTime.FromSeconds(-0.5), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    // The project builds with InvariantGlobalization, where "de-DE" either does not exist or formats like the
    // invariant culture; a clone with a comma separator reproduces what a German host would do.
    private static CultureInfo DecimalCommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
