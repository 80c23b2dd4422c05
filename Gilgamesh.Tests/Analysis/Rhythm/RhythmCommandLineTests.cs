using System.Text.Json;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary><c>gilgamesh analyze rhythm</c> run as a user runs it (the App binary in the test output folder).</summary>
public sealed class RhythmCommandLineTests
{
    private static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args) => AppCli.RunAsync(args);

    [Test]
    public async Task AnalyzeRhythm_OnDrumTrack_PrintsTempoBeatsDownbeatsAndSectionsAsJson()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120);

        var (exitCode, stdout, stderr) = await RunAsync("analyze", "rhythm", truth.Path);

        Assert.That(exitCode, Is.Zero, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(json.GetProperty("hasAudio").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("duration").GetDouble(), Is.EqualTo(truth.Duration).Within(0.05));
        Assert.That(json.GetProperty("tempo").GetProperty("bpm").GetDouble(), Is.EqualTo(120).Within(2.4));
        Assert.That(json.GetProperty("tempo").GetProperty("confidence").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(json.GetProperty("tempo").GetProperty("alternatives")[0].GetProperty("relation").GetString(), Is.AnyOf("half", "double"));
        Assert.That(json.GetProperty("beatsPerBar").GetInt32(), Is.EqualTo(4));
        var beat = json.GetProperty("beats")[0];
        Assert.That(beat.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "time", "bar", "position", "bpm", "energy" }));
        Assert.That(json.GetProperty("downbeats").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(json.GetProperty("sections")[0].EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "start", "end", "label" }));
        Assert.That(json.TryGetProperty("features", out _), Is.False, "features only with --features");
    }

    [Test]
    public async Task AnalyzeRhythm_WithFeatures_AddsThe30FpsFeatureSet()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120);

        var (exitCode, stdout, stderr) = await RunAsync("analyze", "rhythm", truth.Path, "--features");

        Assert.That(exitCode, Is.Zero, stderr);
        var features = JsonDocument.Parse(stdout).RootElement.GetProperty("features");
        Assert.That(features.GetProperty("frameRate").GetDouble(), Is.EqualTo(30));
        Assert.That(features.GetProperty("mfcc")[0].GetArrayLength(), Is.EqualTo(20));
        Assert.That(features.GetProperty("chroma")[0].GetArrayLength(), Is.EqualTo(12));
        Assert.That(features.GetProperty("beat").GetArrayLength(), Is.EqualTo(features.GetProperty("frameCount").GetInt32()));
    }

    [Test]
    public async Task AnalyzeRhythm_OnTextFile_ExitsNonZeroWithMediaUnreadable()
    {
        var (exitCode, stdout, stderr) = await RunAsync("analyze", "rhythm", MediaGenerator.TextFileNamedMp4());

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(stderr, Does.Contain("media.unreadable"));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task AnalyzeRhythm_WithUnknownOption_ExitsNonZeroNamingIt()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120);

        var (exitCode, _, stderr) = await RunAsync("analyze", "rhythm", truth.Path, "--frobnicate", "3");

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(stderr, Does.Contain("--frobnicate").And.Contain("analysis.invalid_option"));
    }
}
