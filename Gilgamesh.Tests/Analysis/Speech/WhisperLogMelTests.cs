using System.Diagnostics;
using System.Text.Json;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// The C# front end against reference/whisper_logmel.py, an independent numpy implementation of Whisper's
/// log-mel (its output is committed as logmel_reference.json).
/// </summary>
public sealed class WhisperLogMelTests
{
    private const double Tolerance = 1e-4;

    [TestCase(80)]
    [TestCase(128)]
    public void LogMel_MatchesNumpyReference_EveryBinOfSelectedFramesAndWholeWindowSummary(int mels)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SpeechTestFiles.Reference("logmel_reference.json")));
        var root = json.RootElement;
        var frames = root.GetProperty("frames").EnumerateArray().Select(f => f.GetInt32()).ToArray();
        var expected = root.GetProperty("mels").GetProperty(mels.ToString());

        var features = new WhisperLogMel(mels).Compute(ReferenceSignal(root.GetProperty("seconds").GetInt32()));

        Assert.That(features, Has.Length.EqualTo(mels * WhisperLogMel.Frames));
        var maxDiff = 0.0;
        var rows = expected.GetProperty("values").EnumerateArray().ToArray();
        for (var f = 0; f < frames.Length; f++)
        {
            var values = rows[f].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.That(values, Has.Length.EqualTo(mels));
            for (var m = 0; m < mels; m++) maxDiff = Math.Max(maxDiff, Math.Abs(features[m * WhisperLogMel.Frames + frames[f]] - values[m]));
        }
        Assert.That(maxDiff, Is.LessThan(Tolerance), "max abs difference over the committed frames × bins");
        Assert.That(features.Max(), Is.EqualTo(expected.GetProperty("max").GetDouble()).Within(Tolerance));
        Assert.That(features.Average(v => (double)v), Is.EqualTo(expected.GetProperty("mean").GetDouble()).Within(Tolerance), "mean over all 3000 frames × bins");
    }

    [Test]
    public async Task ReferenceScript_RegeneratesTheCommittedValues()
    {
        using var temp = new TempDirectory("gilgamesh-logmel");
        var output = temp.Combine("reference.json");
        var psi = new ProcessStartInfo(SpeechTestFiles.Python) { RedirectStandardError = true };
        psi.ArgumentList.Add(SpeechTestFiles.Reference("whisper_logmel.py"));
        psi.ArgumentList.Add(output);
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Zero, stderr);
        Assert.That(await File.ReadAllTextAsync(output), Is.EqualTo(await File.ReadAllTextAsync(SpeechTestFiles.Reference("logmel_reference.json"))));
    }

    [Test]
    public void SlaneyScale_IsLinearBelow1kHzAndLogarithmicAbove()
    {
        Assert.That(SlaneyMelFilters.HzToMel(1000), Is.EqualTo(15).Within(1e-12));
        Assert.That(SlaneyMelFilters.HzToMel(500), Is.EqualTo(7.5).Within(1e-12));
        Assert.That(SlaneyMelFilters.MelToHz(SlaneyMelFilters.HzToMel(6400)), Is.EqualTo(6400).Within(1e-9));
        Assert.That(SlaneyMelFilters.HzToMel(6400), Is.EqualTo(15 + 27).Within(1e-9), "6.4 × 1 kHz is 27 log steps above 1 kHz");
    }

    /// <summary>The script's signal, sample for sample: three tones and a 32-bit LCG noise in float64, stored as float32.</summary>
    private static float[] ReferenceSignal(int seconds)
    {
        var n = seconds * 16_000;
        var samples = new float[n];
        ulong state = 12345;
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / 16_000;
            var x = 0.3 * Math.Sin(2 * Math.PI * 440 * t) + 0.2 * Math.Sin(2 * Math.PI * 1234.5 * t);
            x += t < 1.5 ? 0.1 * Math.Sin(2 * Math.PI * 3000 * t) : 0.0;
            state = (1664525 * state + 1013904223) % 4294967296;
            x += (state / 4294967296.0 - 0.5) * 0.05;
            samples[i] = (float)x;
        }
        return samples;
    }
}
