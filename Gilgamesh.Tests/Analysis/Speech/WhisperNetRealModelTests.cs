using Gilgamesh.Tests.Analysis.Vad;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// Whisper.net on espeak-ng speech over silence, through the VAD, with every model at hand: always the tiny
/// generated ggml (random weights: real ones cannot be downloaded here — it must say its scripted line inside
/// the audio), and a real ggml model when <c>GILGAMESH_WHISPER_GGML</c> names one (it must hear the words).
/// Whether the real-model case ran is printed at the start of the fixture.
/// </summary>
public sealed class WhisperNetRealModelTests
{
    public const string Variable = "GILGAMESH_WHISPER_GGML";
    private static readonly string[] Spoken = ["analysis", "engine", "measures", "every", "moment", "sound"];

    private static string? RealModel => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && File.Exists(path) ? path : null;

    public static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData("tiny-generated").SetName("EspeakSpeech_TinyGeneratedGgml_RealWeightsNotDownloadable_SaysItsLineInsideTheAudio");
        if (RealModel is not null) yield return new TestCaseData("real").SetName("EspeakSpeech_RealGgmlFromEnvironment_HearsTheWords");
    }

    [OneTimeSetUp]
    public void ReportRealModel() =>
        TestContext.Progress.WriteLine(RealModel is { } path
            ? $"Whisper.net real-model check: RUN with {path}"
            : $"Whisper.net real-model check: NOT RUN ({Variable} does not name a ggml file; this machine cannot download weights)");

    [TestCaseSource(nameof(Models))]
    public async Task EspeakSpeech_WithEachModelAtHand(string model)
    {
        var truth = SpeechOverBeds.Get("silence");
        using var transcriber = WhisperNetEngineTests.Transcriber(model == "real" ? RealModel! : TinyGgmlModels.Scripted, vad: true, language: "en");

        var transcript = await transcriber.TranscribeAsync(truth.Path);

        Assert.That(transcript.Segments, Is.Not.Empty);
        Assert.That(transcript.Segments.All(s => s.Start >= 0 && s.End <= truth.DurationSeconds && s.Start <= s.End));
        if (model == "real")
        {
            var heard = transcript.Words!.Select(w => new string(w.Text.Where(char.IsLetter).ToArray()).ToLowerInvariant()).ToHashSet();
            Assert.That(Spoken.Count(heard.Contains), Is.GreaterThanOrEqualTo(4), transcript.Text);
        }
        else
        {
            Assert.That(transcript.Text, Is.EqualTo("Hello world."));
        }
    }
}
