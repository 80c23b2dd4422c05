using System.Text.Json;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Scenes;

/// <summary><c>gilgamesh analyze scenes</c> as a user runs it.</summary>
public sealed class ScenesCommandLineTests
{
    [Test]
    public async Task AnalyzeScenes_WithKeyframes_PrintsCutsAndScenesWithKeyframePaths()
    {
        var truth = await SceneGroundTruth.HardCutsAsync();
        using var folder = new TempDirectory();

        var (exit, stdout, stderr) = await AppCli.RunAsync("analyze", "scenes", truth.Path, "--keyframes", folder.Path);

        Assert.That(exit, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("content"));
        var cuts = root.GetProperty("cuts").EnumerateArray().ToList();
        Assert.That(cuts.Select(c => c.GetProperty("frame").GetInt32()), Is.EqualTo(truth.Cuts.Select(c => c.Frame)));
        Assert.That(cuts.Select(c => c.GetProperty("kind").GetString()), Is.All.EqualTo("hard"));
        Assert.That(cuts[0].GetProperty("time").GetDouble(), Is.EqualTo(2.0));
        Assert.That(cuts[0].GetProperty("score").GetDouble(), Is.GreaterThan(27));
        var scenes = root.GetProperty("scenes").EnumerateArray().ToList();
        Assert.That(scenes, Has.Count.EqualTo(cuts.Count + 1));
        Assert.That(scenes[^1].GetProperty("end").GetDouble(), Is.EqualTo(truth.DurationSeconds).Within(0.05));
        Assert.That(scenes.Select(s => s.GetProperty("keyframe").GetString()), Has.All.Matches<string>(File.Exists));
    }

    [Test]
    public async Task AnalyzeScenes_OnTruncatedVideo_ExitsOneWithErrorCode()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync("analyze", "scenes", await MediaGenerator.TruncatedMp4Async());

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Match(@"\[media\.(unreadable|ffmpeg_failed)\]").And.Not.Contain("   at "));
    }

    [Test]
    public async Task AnalyzeScenes_WithUnknownMode_ExitsOneNamingTheOption()
    {
        var truth = await SceneGroundTruth.StaticAsync();

        var (exit, _, stderr) = await AppCli.RunAsync("analyze", "scenes", truth.Path, "--mode", "wobbly");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--mode"));
    }
}
