using System.Globalization;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Vad;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Vad;

/// <summary>
/// The vendored Silero VAD against the energy-based silence engine on generated speech over four beds
/// (<see cref="SpeechOverBeds"/>): speech-region F1 on 10-ms frames. The table the test prints is the one in
/// docs/analysis/vad.md.
/// </summary>
public sealed class SileroVadTests
{
    private static VoiceActivityDetector Detector() => new(new VadSettings(), MediaTools.PcmDecoder);

    [Test]
    public void VendoredModel_IsCopiedNextToTheBinaries()
    {
        Assert.That(Detector().IsAvailable, Is.True, Detector().ModelPath);
        Assert.That(Detector().ModelPath, Does.EndWith(Path.Combine("models", "silero-vad", "silero_vad_16k_op15.onnx")));
    }

    [TestCase("silence", 0.85)]
    [TestCase("noise", 0.8)]
    [TestCase("music", 0.75)]
    [TestCase("applause", 0.75)]
    public async Task Silero_SpeechOverBed_FindsTheSpokenStretches_EnergyEngineMeasuredBeside(string bed, double minimumF1)
    {
        var truth = SpeechOverBeds.Get(bed);
        using var detector = Detector();

        var silero = await detector.DetectAsync(truth.Path);
        var energy = await new SilenceDetector(MediaTools.PcmDecoder, MediaTools.Probe).DetectAsync(truth.Path, new SilenceOptions());

        var s = SpeechOverBeds.Score(silero.Speech.Select(r => (r.Start, r.End)), truth.Active, truth.DurationSeconds);
        var e = SpeechOverBeds.Score(energy.Speech.Select(r => (r.Start, r.End)), truth.Active, truth.DurationSeconds);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {bed} | {s.Precision:0.00} | {s.Recall:0.00} | **{s.F1:0.00}** | {e.Precision:0.00} | {e.Recall:0.00} | **{e.F1:0.00}** |"));
        Assert.That(s.F1, Is.GreaterThanOrEqualTo(minimumF1), $"silero P {s.Precision:0.00} R {s.Recall:0.00}");
        Assert.That(e.F1, Is.GreaterThan(0), "the energy engine ran on the same file");
    }

    [Test]
    public async Task AnalyzeVad_PrintsSpeechRegionsAsJson_AndEnergyEngineOnRequest()
    {
        var truth = SpeechOverBeds.Get("silence");

        var silero = await AppCli.RunAsync("analyze", "vad", truth.Path);
        var energy = await AppCli.RunAsync("analyze", "vad", truth.Path, "--engine", "energy");
        var bad = await AppCli.RunAsync("analyze", "vad", truth.Path, "--threshold", "2");

        Assert.That(silero.ExitCode, Is.Zero, silero.StdErr);
        using var json = System.Text.Json.JsonDocument.Parse(silero.StdOut);
        Assert.That(json.RootElement.GetProperty("engine").GetString(), Is.EqualTo("silero"));
        var first = json.RootElement.GetProperty("speech")[0];
        Assert.That(first.GetProperty("start").GetDouble(), Is.EqualTo(truth.Active[0].Start).Within(0.15));
        Assert.That(energy.ExitCode, Is.Zero, energy.StdErr);
        Assert.That(energy.StdOut, Does.Contain("\"engine\": \"energy\""));
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.StdErr, Does.Contain("[vad.invalid_option]"));
    }
}
