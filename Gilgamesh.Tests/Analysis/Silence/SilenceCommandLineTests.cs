using System.Text.Json;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Silence;

/// <summary><c>gilgamesh analyze silence</c> as a user runs it: JSON on stdout, clear errors with a non-zero exit.</summary>
public sealed class SilenceCommandLineTests
{
    [Test]
    public async Task AnalyzeSilence_PrintsThresholdAndIntervalsInSecondsWithMillisecondPrecision()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);

        var (exit, stdout, stderr) = await AppCli.RunAsync("analyze", "silence", truth.Path, "--min-silence", "0.25", "--margin", "0");

        Assert.That(exit, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("hasAudio").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("thresholdSource").GetString(), Is.EqualTo("adaptive"));
        Assert.That(root.GetProperty("thresholdDb").GetDouble(), Is.LessThan(-30));
        Assert.That(root.GetProperty("noiseFloorDb").GetDouble(), Is.LessThan(-55));
        var speech = root.GetProperty("speech").EnumerateArray().ToList();
        Assert.That(speech, Has.Count.EqualTo(truth.Active.Count));
        foreach (var name in new[] { "start", "end", "duration", "meanDb" })
            Assert.That(speech[0].TryGetProperty(name, out _), name);
        var start = speech[0].GetProperty("start").GetDouble();
        Assert.That(Math.Round(start, 3), Is.EqualTo(start), "millisecond precision");
        Assert.That(root.GetProperty("silences").GetArrayLength(), Is.EqualTo(truth.Silences().Count));
    }

    [Test]
    public async Task AnalyzeSilence_OnVideoWithoutAudio_PrintsExplicitEmptyResult()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync("analyze", "silence", await MediaGenerator.VideoOnlyAsync());

        Assert.That(exit, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("hasAudio").GetBoolean(), Is.False);
        Assert.That(json.RootElement.GetProperty("speech").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task AnalyzeSilence_OnTextFile_ExitsOneWithErrorCodeAndNoStackTrace()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync("analyze", "silence", MediaGenerator.TextFileNamedMp4());

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("[media.unreadable]").And.Not.Contain("   at "));
    }

    [Test]
    public async Task AnalyzeSilence_WithBadNumber_ExitsOneNamingTheOption()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-60);

        var (exit, _, stderr) = await AppCli.RunAsync("analyze", "silence", truth.Path, "--threshold-db", "loud");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--threshold-db").And.Contain("[request.invalid]"));
    }
}
