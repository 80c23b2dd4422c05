using System.Globalization;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>Real subtitle burns (read back by tesseract), soft subtitles and loudness normalisation (checked with ebur128).</summary>
public class SubtitleLoudnessTests
{
    private static readonly SubtitleCue[] Cues = [new(MediaTime.FromSeconds(0.2), MediaTime.FromSeconds(2.8), "HELLO OWLS")];

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("render-subs");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private static Task<string> DarkClipAsync() => RenderTestKit.GenerateAsync("dark-with-tone.mp4",
        "-f lavfi -i \"color=c=0x202020:s=640x360:r=25:d=3\" -f lavfi -i \"sine=frequency=440:duration=3\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac");

    [Test]
    public async Task BurnSubtitles_WhenCueCoversTheFrame_OcrReadsTheTextBack()
    {
        var output = _folder.Combine("burned.mp4");

        await RenderTestKit.Kit.BurnSubtitlesAsync(new SubtitleRequest(await DarkClipAsync(), output, Cues, new SubtitleStyle(FontSize: 48)));

        var png = _folder.Combine("frame.png");
        await RenderTestKit.Runner.RunAsync($"-ss 1.5 -i \"{output}\" -frames:v 1 -y \"{png}\"", null, null, CancellationToken.None);
        var (code, text) = await TesseractAsync(png);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(text, Does.Contain("HELLO OWLS"));
        Assert.That((await MediaTools.Probe.ProbeAsync(output)).PrimaryAudio, Is.Not.Null, "audio kept");
    }

    [Test]
    public void BurnSubtitles_WhenTheFontIsNotInstalled_FailsClearlyAndWritesNothing()
    {
        var output = _folder.Combine("burned.mp4");

        var error = Assert.ThrowsAsync<GilgameshException>(async () => await RenderTestKit.Kit.BurnSubtitlesAsync(
            new SubtitleRequest(await DarkClipAsync(), output, Cues, new SubtitleStyle(FontName: "No Such Font Family 7"))));

        Assert.That(error!.Code, Is.EqualTo("media.font_missing"));
        Assert.That(error.Message, Does.Contain("No Such Font Family 7"));
        Assert.That(Directory.EnumerateFileSystemEntries(_folder.Path), Is.Empty);
    }

    [Test]
    public async Task AddSoftSubtitles_WritesAMovTextStreamAndAValidWebVttSidecar()
    {
        var output = _folder.Combine("soft.mp4");

        var sidecar = await RenderTestKit.Kit.AddSoftSubtitlesAsync(new SubtitleRequest(await DarkClipAsync(), output, Cues, Language: "eng"));

        var streams = (await MediaTools.Probe.ProbeAsync(output)).Streams;
        Assert.That(streams.Select(s => (s.Type, s.Codec)), Is.EquivalentTo(new[]
        {
            (MediaStreamType.Video, "h264"), (MediaStreamType.Audio, "aac"), (MediaStreamType.Subtitle, "mov_text"),
        }));
        Assert.That(streams.Single(s => s.Type == MediaStreamType.Subtitle).Language, Is.EqualTo("eng"));
        Assert.That(sidecar, Is.EqualTo(_folder.Combine("soft.vtt")));
        Assert.That(await File.ReadAllTextAsync(sidecar), Does.StartWith("WEBVTT\n\n00:00:00.200 --> 00:00:02.800\nHELLO OWLS\n"));
        // ffmpeg's WebVTT demuxer accepts the sidecar (a parse error would fail the probe).
        Assert.That((await MediaTools.Probe.ProbeAsync(sidecar)).Streams.Single().Codec, Is.EqualTo("webvtt"));
    }

    [TestCase(-14.0)]
    [TestCase(-23.0)]
    public async Task NormalizeLoudness_WhenTheInputIsQuiet_OutputMeasuresWithin1LuOfTheTarget(double target)
    {
        // A tone at −30 dBFS with a 2-s swell: far below either target.
        var source = await RenderTestKit.GenerateAsync("quiet-tone.wav",
            "-f lavfi -i \"sine=frequency=440:duration=8,volume='0.03+0.02*between(t,3,5)':eval=frame\" -c:a pcm_s16le");
        var output = _folder.Combine("loud.m4a");

        var measured = await RenderTestKit.Kit.NormalizeLoudnessAsync(new LoudnessRequest(source, output, new LoudnessTarget(target)));

        Assert.That(measured.IntegratedLufs, Is.LessThan(-30));
        var report = await RenderTestKit.ReportAsync(output, "ebur128=framelog=verbose");
        var integrated = double.Parse(Regex.Matches(report, @"I:\s+(-?[0-9.]+) LUFS")[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(integrated, Is.EqualTo(target).Within(1.0), report);
    }

    private static async Task<(int Code, string Text)> TesseractAsync(string image)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("tesseract", $"\"{image}\" stdout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, text);
    }
}
