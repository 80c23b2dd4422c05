using System.Text.Json;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis;

/// <summary><c>gilgamesh analyze ocr|layout</c> run as a user runs them: JSON on stdout, errors as one line and a non-zero exit.</summary>
public sealed class AnalyzeOcrAndLayoutCommandLineTests
{
    private static Task<(int ExitCode, string StdOut, string StdErr)> AnalyzeAsync(params string[] args) => AppCli.RunAsync(["analyze", .. args]);

    [Test]
    public async Task AnalyzeOcr_OnATitleSlide_PrintsFramesBlocksAndLinesWithPixelAndNormalizedBoxes()
    {
        var slide = await OcrGroundTruth.TitleSlideAsync();

        var result = await AnalyzeAsync("ocr", slide.Path, "--lang", "eng");

        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.That(root.GetProperty("kind").GetString(), Is.EqualTo("image"));
        Assert.That(root.GetProperty("width").GetInt32(), Is.EqualTo(1280));
        Assert.That(root.GetProperty("language").GetString(), Is.EqualTo("eng"));
        var line = root.GetProperty("frames")[0].GetProperty("blocks")[0].GetProperty("lines")[0];
        Assert.That(line.GetProperty("text").GetString(), Does.Contain("Neural"));
        Assert.That(line.GetProperty("confidence").GetDouble(), Is.InRange(0, 100));
        Assert.That(line.GetProperty("box").GetProperty("left").GetInt32(), Is.InRange(70, 90));
        Assert.That(line.GetProperty("normalizedBox").GetProperty("x").GetDouble(), Is.InRange(0.05, 0.07));
        Assert.That(root.GetProperty("slides").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task AnalyzeLayout_OnASwitchingLecture_PrintsSegmentsRegionsAndChanges()
    {
        var clip = await LayoutGroundTruth.SwitchToPictureInPictureAsync();

        var result = await AnalyzeAsync("layout", clip.Path);

        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.That(root.GetProperty("layout").GetString(), Is.AnyOf("slides-only", "picture-in-picture"));
        Assert.That(root.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(8).Within(0.1));
        var pip = root.GetProperty("segments")[1];
        Assert.That(pip.GetProperty("layout").GetString(), Is.EqualTo("picture-in-picture"));
        Assert.That(pip.GetProperty("corner").GetString(), Is.EqualTo("bottom-right"));
        Assert.That(pip.GetProperty("camera").GetProperty("width").GetDouble(), Is.EqualTo(0.25).Within(0.03));
        Assert.That(pip.GetProperty("camera").GetProperty("confidence").GetDouble(), Is.InRange(0, 1));
        Assert.That(root.GetProperty("changes")[0].GetProperty("time").GetDouble(), Is.EqualTo(LayoutGroundTruth.SwitchSeconds).Within(1));
    }

    [TestCase("ocr")]
    [TestCase("layout")]
    public async Task Analyze_OnATextFile_ExitsNonZeroWithTheErrorCodeAndNoJson(string engine)
    {
        var result = await AnalyzeAsync(engine, MediaGenerator.TextFileNamedMp4());

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StdErr, Does.Contain("media.unreadable"));
        Assert.That(result.StdOut, Is.Empty);
    }
}
