using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;
using Gilgamesh.Modules.Kernel.Media.Render.Composition;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Modules.Kernel.Media.Render.Joins;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;
using Gilgamesh.Modules.Kernel.Media.Render.Retiming;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>Exact argument strings and documents of the render kit; nothing is run.</summary>
public class RenderArgumentTests
{
    private static readonly SourceVideo H264 = new("h264", "High", 40, "yuv420p", 1920, 1080, new FrameRate(25, 1), new FrameRate(25, 1),
        "progressive", "tv", "bt709", "bt709", "bt709", 0, 1200, true);

    [Test]
    public void MatchedEncoder_WhenSourceIsH264High40_ReproducesProfileLevelPixelFormatAndColour()
    {
        Assert.That(MatchedEncoder.Arguments(H264, SmartCutEdges.Matched), Is.EqualTo(
            "-c:v libx264 -preset medium -crf 16 -profile:v high -level:v 4.0 -pix_fmt yuv420p -color_range tv -colorspace bt709 -color_trc bt709 -color_primaries bt709"));
    }

    [Test]
    public void MatchedEncoder_WhenEdgesAreLosslessOnHevc_UsesX265LosslessWithoutProfile()
    {
        var hevc = H264 with { Codec = "hevc", Profile = "Main 10", Level = 120, PixelFormat = "yuv420p10le", ColorRange = null, ColorSpace = "unknown", ColorTransfer = null, ColorPrimaries = null };

        Assert.That(MatchedEncoder.Arguments(hevc, SmartCutEdges.Lossless), Is.EqualTo("-c:v libx265 -preset medium -x265-params lossless=1 -pix_fmt yuv420p10le"));
        Assert.That(MatchedEncoder.LevelName(hevc), Is.EqualTo("4.0"));
    }

    [Test]
    public void SmartCutArguments_CopySpan_SeeksToTheKeyframeRoundedUpAndCopiesAFrameCountAsMpegTs()
    {
        Assert.That(SmartCutArguments.CopySpan("/in/a b.mp4", "/tmp/p1.ts", 1.0 / 3, 50), Is.EqualTo(
            "-ss 0.333334 -i \"/in/a b.mp4\" -map 0:v:0 -frames:v 50 -c:v copy -f mpegts \"/tmp/p1.ts\" -y"));
    }

    [Test]
    public void SmartCutArguments_EncodeSpan_SeeksHalfAFrameEarly()
    {
        Assert.That(SmartCutArguments.EncodeSpan("/in/a.mp4", "/tmp/p0.ts", 3.4, 0.04, 15, "-c:v libx264 -crf 16"), Is.EqualTo(
            "-ss 3.380000 -i \"/in/a.mp4\" -map 0:v:0 -frames:v 15 -c:v libx264 -crf 16 -f mpegts \"/tmp/p0.ts\" -y"));
    }

    [Test]
    public void SmartCutArguments_AudioAndMux_CutTheSpanOnceAndJoinByCopy()
    {
        Assert.That(SmartCutArguments.Audio("/in/a.mp4", "/tmp/a.m4a", 3.4, 5.72), Is.EqualTo(
            "-ss 3.400000 -i \"/in/a.mp4\" -t 5.720000 -map 0:a:0 -vn -c:a aac -b:a 192k -f mp4 \"/tmp/a.m4a\" -y"));
        Assert.That(SmartCutArguments.Mux("/tmp/parts.txt", "/tmp/a.m4a", "/out/c.mp4"), Is.EqualTo(
            "-f concat -safe 0 -i \"/tmp/parts.txt\" -i \"/tmp/a.m4a\" -map 0:v:0 -map 1:a:0 -c copy -movflags +faststart -f mp4 \"/out/c.mp4\" -y"));
    }

    [Test]
    public void SmartCutPlanner_WhenPointsAreOffKeyframes_ReEncodesOnlyUpToTheFirstAndFromTheLastKeyframe()
    {
        var plan = SmartCutPlanner.Plan(H264, new KeyPackets([300, 302, 304, 358, 360, 362], false), MediaTime.FromSeconds(300.37), MediaTime.FromSeconds(360.37));

        Assert.That(plan.Spans, Is.EqualTo(new[]
        {
            new CutSpan(CutSpanKind.ReEncode, 7510, 7550), new CutSpan(CutSpanKind.Copy, 7550, 9000), new CutSpan(CutSpanKind.ReEncode, 9000, 9010),
        }));
        Assert.That((plan.FrameCount, plan.CopiedFrames, plan.IsSmart), Is.EqualTo((1500L, 1450L, true)));
    }

    [Test]
    public void SmartCutPlanner_WhenAPointIsOnAKeyframe_HasNoEdgeThere()
    {
        var plan = SmartCutPlanner.Plan(H264, new KeyPackets([2, 4, 6, 8], false), MediaTime.FromSeconds(2), MediaTime.FromSeconds(6));

        Assert.That(plan.Spans, Is.EqualTo(new[] { new CutSpan(CutSpanKind.Copy, 50, 150) }));
    }

    [TestCase("open", "open GOPs")]
    [TestCase("short", "no whole GOP")]
    [TestCase("vfr", "variable frame rate")]
    [TestCase("interlaced", "interlaced")]
    public void SmartCutPlanner_WhenTheSourceCannotBeMatched_ReEncodesTheWholeSpanAndSaysWhy(string kind, string reason)
    {
        var (source, keys, end) = kind switch
        {
            "open" => (H264, new KeyPackets([2, 4, 6], true), 6.5),
            "short" => (H264, new KeyPackets([2, 4], false), 3.9),
            "vfr" => (H264 with { AverageFrameRate = new FrameRate(2397, 100) }, new KeyPackets([2, 4, 6], false), 6.5),
            _ => (H264 with { FieldOrder = "tt" }, new KeyPackets([2, 4, 6], false), 6.5),
        };

        var plan = SmartCutPlanner.Plan(source, keys, MediaTime.FromSeconds(1.5), MediaTime.FromSeconds(end));

        Assert.That(plan.FullReEncodeReason, Does.Contain(reason));
        Assert.That(plan.Spans.Single().Kind, Is.EqualTo(CutSpanKind.ReEncode));
    }

    [Test]
    public void CompositionFilter_WhenStacked_CropsFitsEachRegionIntoItsPanelAndStacksThem()
    {
        var filter = CompositionFilter.Build(Canvas.Portrait, new StackedLayout(new Region(0, 0, 1280, 1080), new Region(1280, 270, 640, 540)));

        Assert.That(filter, Is.EqualTo(
            "[0:v]split=2[a][b];" +
            "[a]crop=1280:1080:0:0,scale=1080:960:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=1080:960:(ow-iw)/2:(oh-ih)/2:black[top];" +
            "[b]crop=640:540:1280:270,scale=1080:960:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=1080:960:(ow-iw)/2:(oh-ih)/2:black[bottom];" +
            "[top][bottom]vstack=inputs=2,setsar=1[v]"));
    }

    [Test]
    public void CompositionFilter_WhenBlurredFill_OverlaysTheFittedRegionOnItsBlurredEnlargement()
    {
        var filter = CompositionFilter.Build(Canvas.Square, new SingleRegionLayout(new Region(0, 0, 1920, 1080), BackgroundFill.Blur));

        Assert.That(filter, Is.EqualTo(
            "[0:v]crop=1920:1080:0:0,split=2[fg][bg];[bg]scale=1080:1080:force_original_aspect_ratio=increase,crop=1080:1080,boxblur=20:2[blurred];" +
            "[fg]scale=1080:1080:force_original_aspect_ratio=decrease:force_divisible_by=2[fitted];[blurred][fitted]overlay=(W-w)/2:(H-h)/2,setsar=1[v]"));
    }

    [Test]
    public void CompositionFilter_WhenCropMoves_InterpolatesBetweenKeyframesInABalancedTree()
    {
        var path = new[]
        {
            new CropKeyframe(MediaTime.FromSeconds(0), new Region(0, 0, 608, 1080)),
            new CropKeyframe(MediaTime.FromSeconds(1), new Region(100, 0, 608, 1080)),
            new CropKeyframe(MediaTime.FromSeconds(2.5), new Region(40, 0, 608, 1080)),
        };

        Assert.That(CompositionFilter.PathExpression(path, k => k.Window.X), Is.EqualTo(
            "if(lt(t,1.000),0+(100)*clip((t-0.000)/1.000,0,1),100+(-60)*clip((t-1.000)/1.500,0,1))"));
        Assert.That(CompositionFilter.Build(Canvas.Portrait, new MovingCropLayout(path)), Does.StartWith(
            "[0:v]crop=w=608:h=1080:x='if(lt(t,1.000),0+(100)*clip((t-0.000)/1.000,0,1),100+(-60)*clip((t-1.000)/1.500,0,1))':y='0':exact=1,scale=1080:1920"));
    }

    [Test]
    public void CompositionFilter_WhenKeyframesChangeTheWindowSize_Throws()
    {
        var path = new[]
        {
            new CropKeyframe(MediaTime.FromSeconds(0), new Region(0, 0, 608, 1080)),
            new CropKeyframe(MediaTime.FromSeconds(1), new Region(0, 0, 600, 1080)),
        };

        Assert.That(() => CompositionFilter.Build(Canvas.Portrait, new MovingCropLayout(path)), Throws.ArgumentException);
    }

    [Test]
    public void LoudnessArguments_MeasureThenApplyTheMeasuredValuesLinearly()
    {
        var target = LoudnessTarget.Broadcast;

        Assert.That(LoudnessArguments.Measure("/in/a.mp4", target), Is.EqualTo(
            "-i \"/in/a.mp4\" -map 0:a:0 -vn -af loudnorm=I=-23.0:TP=-1.0:LRA=11.0:print_format=json -f null \"-\""));
        Assert.That(LoudnessArguments.Apply("/in/a.mp4", "/out/b.mp4", target, new LoudnessMeasurement(-31.25, -12.5, 3.1, -41.3, 0.4), hasVideo: true), Is.EqualTo(
            "-i \"/in/a.mp4\" -map 0:v:0 -c:v copy -map 0:a:0 -af loudnorm=I=-23.0:TP=-1.0:LRA=11.0:measured_I=-31.25:measured_TP=-12.50:measured_LRA=3.10:measured_thresh=-41.30:offset=0.40:linear=true " +
            "-ar 48000 -c:a aac -b:a 192k -movflags +faststart -f mp4 \"/out/b.mp4\" -y"));
    }

    [Test]
    public void LoudnessArguments_ParseMeasurement_ReadsTheJsonAtTheEndOfStderr()
    {
        const string stderr = """
            [Parsed_loudnorm_0 @ 0x55d] 
            {
            	"input_i" : "-27.61",
            	"input_tp" : "-18.03",
            	"input_lra" : "0.00",
            	"input_thresh" : "-37.61",
            	"output_i" : "-14.60",
            	"output_tp" : "-4.91",
            	"output_lra" : "0.00",
            	"output_thresh" : "-24.60",
            	"normalization_type" : "dynamic",
            	"target_offset" : "0.60"
            }
            """;

        Assert.That(LoudnessArguments.ParseMeasurement(stderr), Is.EqualTo(new LoudnessMeasurement(-27.61, -18.03, 0, -37.61, 0.6)));
    }

    [TestCase(3.0, "atempo=2,atempo=1.5")]
    [TestCase(0.25, "atempo=0.5,atempo=0.5")]
    [TestCase(1.25, "atempo=1.25")]
    [TestCase(1.0, "atempo=1")]
    public void RetimeArguments_AtempoChain_KeepsEachStageWithinHalfToDouble(double speed, string chain)
    {
        Assert.That(RetimeArguments.AtempoChain(speed), Is.EqualTo(chain));
    }

    [Test]
    public void RetimeArguments_WhenSpedUpAndMirrored_SetsPtsResamplesFlipsAndLimitsFrames()
    {
        var arguments = RetimeArguments.Build("/in/a.mp4", "/out/b.mp4", 1.5, 50, new FrameRate(25, 1), mirror: true, hasAudio: true, encoding: null);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in/a.mp4\" -filter_complex \"[0:v]setpts=(PTS-STARTPTS)/1.5,fps=25/1,hflip[v];[0:a]asetpts=PTS-STARTPTS,atempo=1.5,apad,atrim=0:2.000000[a]\" " +
            "-map \"[v]\" -map \"[a]\" -frames:v 50 -c:v libx264 -crf 20 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 192k -movflags +faststart \"/out/b.mp4\" -y"));
    }

    [Test]
    public void SubtitleArguments_Burn_NamesTheScriptRelativelyAndCopiesAudio()
    {
        Assert.That(SubtitleArguments.Burn("/in/a.mp4", "/out/b.mp4", "subtitles.ass", null, hasAudio: true), Is.EqualTo(
            "-i \"/in/a.mp4\" -map 0:v:0 -map 0:a:0 -vf \"ass=subtitles.ass\" -c:v libx264 -crf 20 -preset veryfast -pix_fmt yuv420p -c:a copy -movflags +faststart \"/out/b.mp4\" -y"));
        Assert.That(() => SubtitleArguments.Burn("/in/a.mp4", "/out/b.mp4", "/tmp/x:y.ass", null, true), Throws.ArgumentException);
    }

    [Test]
    public void SubtitleArguments_Soft_AddsMovTextWithLanguage()
    {
        Assert.That(SubtitleArguments.Soft("/in/a.mp4", "/out/b.vtt", "/out/b.mp4", "deu"), Is.EqualTo(
            "-i \"/in/a.mp4\" -i \"/out/b.vtt\" -map 0:v? -map 0:a? -map 1:0 -c:v copy -c:a copy -c:s mov_text -metadata:s:s:0 language=deu -movflags +faststart -f mp4 \"/out/b.mp4\" -y"));
    }

    [Test]
    public void AssDocument_WhenWordsHaveTimes_HighlightsTheCurrentWordInOneEventPerWord()
    {
        var cue = new SubtitleCue(MediaTime.FromSeconds(1), MediaTime.FromSeconds(3), "Owls hunt {at} night", [
            new SubtitleWord(MediaTime.FromSeconds(1.2), MediaTime.FromSeconds(1.6), "Owls"),
            new SubtitleWord(MediaTime.FromSeconds(1.6), MediaTime.FromSeconds(2.4), "hunt"),
        ]);

        var ass = AssDocument.Render([cue, cue with { Words = null, Start = MediaTime.FromSeconds(3600) , End = MediaTime.FromSeconds(3601.5) }], new SubtitleStyle(), 1080, 1920);

        Assert.That(ass, Does.Contain("PlayResX: 1080\nPlayResY: 1920\n"));
        Assert.That(ass, Does.Contain("Style: Default,DejaVu Sans,64,&H00FFFFFF,&H00FFFFFF,&H00000000,&H80000000,-1,0,0,0,100,100,0,0,1,4,0,2,108,108,192,1\n"));
        Assert.That(ass, Does.EndWith(
            "Dialogue: 0,0:00:01.00,0:00:01.20,Default,,0,0,0,,Owls hunt\n" +
            "Dialogue: 0,0:00:01.20,0:00:01.60,Default,,0,0,0,,{\\1c&H0000D7FF&}Owls{\\1c&H00FFFFFF&} hunt\n" +
            "Dialogue: 0,0:00:01.60,0:00:03.00,Default,,0,0,0,,Owls {\\1c&H0000D7FF&}hunt{\\1c&H00FFFFFF&}\n" +
            "Dialogue: 0,1:00:00.00,1:00:01.50,Default,,0,0,0,,Owls hunt (at) night\n"));
    }

    [Test]
    public void WebVttDocument_WritesHeaderCuesAndEscapesMarkup()
    {
        var vtt = WebVttDocument.Render([new SubtitleCue(MediaTime.FromSeconds(61.5), MediaTime.FromSeconds(3725.25), "a < b & c\n\nnext")]);

        Assert.That(vtt, Is.EqualTo("WEBVTT\n\n00:01:01.500 --> 01:02:05.250\na &lt; b &amp; c\nnext\n"));
    }

    [Test]
    public void JoinArguments_Filter_NormalisesEachInputThenConcatenates()
    {
        var arguments = JoinArguments.Filter(["/a.mp4", "/b.mp4"], "/out.mp4", 640, 360, new FrameRate(25, 1), audio: true, encoding: null);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/a.mp4\" -i \"/b.mp4\" -filter_complex \"" +
            "[0:v]scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:360:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps=25/1,format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS[v0];" +
            "[0:a]aformat=sample_rates=48000:channel_layouts=stereo,asetpts=PTS-STARTPTS[a0];" +
            "[1:v]scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:360:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps=25/1,format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS[v1];" +
            "[1:a]aformat=sample_rates=48000:channel_layouts=stereo,asetpts=PTS-STARTPTS[a1];" +
            "[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]\" -map \"[v]\" -map \"[a]\" -c:v libx264 -crf 20 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 192k -movflags +faststart \"/out.mp4\" -y"));
    }

    [Test]
    public void RenderEncoding_WhenNoAudio_DropsIt()
    {
        Assert.That(RenderEncoding.Arguments(new VideoEncoding("libx265", new Crf(28), "slow"), audio: false),
            Is.EqualTo("-c:v libx265 -crf 28 -preset slow -pix_fmt yuv420p -an -movflags +faststart"));
    }
}
