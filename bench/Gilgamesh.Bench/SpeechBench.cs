using System.Diagnostics;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Analysis.Speech;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Bench;

/// <summary>
/// Speech to text real-time factor (wall time ÷ audio time) of the in-process transcriber on 2 minutes of
/// generated espeak-ng speech with pauses, when a real Whisper export is configured: environment
/// <c>GILGAMESH_SPEECH_MODEL</c> or <c>Speech__ModelDirectory</c> (a folder from <c>gilgamesh models pull</c>).
/// Without one it says it skipped and why, and succeeds: no model weights reach the build machines.
/// Also reports how many of the utterance's words the transcript contains (a sanity check, not a WER).
/// </summary>
internal sealed class SpeechBench : IBenchmark
{
    private const double Seconds = 120;
    private static readonly string[] Utterance = ["the", "analysis", "engine", "measures", "every", "moment", "of", "sound"];

    public async Task RunAsync(BenchResult result)
    {
        var folder = Environment.GetEnvironmentVariable("GILGAMESH_SPEECH_MODEL") ?? Environment.GetEnvironmentVariable("Speech__ModelDirectory");
        var missing = folder is null ? ["(no folder configured)"] : WhisperOnnxModel.MissingFiles(folder);
        if (missing.Count > 0)
        {
            var why = folder is null
                ? "no real Whisper model configured: set GILGAMESH_SPEECH_MODEL (or Speech__ModelDirectory) to a folder made by `./gilgamesh models pull base.en`"
                : $"{folder} is not a Whisper export (lacks {string.Join(", ", missing)})";
            Console.WriteLine($"speech: skipped — {why}");
            result.Details["skipped"] = why;
            return;
        }

        var truth = await SpeechTruth.GenerateAsync(Seconds);
        using var transcriber = new SpeechTranscriber(folder!, new SpeechSettings(), MediaTools.PcmDecoder, MediaTools.Probe);
        var clock = Stopwatch.StartNew();
        var warm = await transcriber.TranscribeAsync(truth.Path, new SpeechOptions("en")); // first run also opens the sessions
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var transcript = await transcriber.TranscribeAsync(truth.Path, new SpeechOptions("en"));
        var seconds = clock.Elapsed.TotalSeconds;

        var words = transcript.Text.ToLowerInvariant().Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var found = Utterance.Count(words.Contains);
        var rtf = seconds / truth.DurationSeconds;
        Console.WriteLine($"model {folder}: {truth.DurationSeconds:0} s of speech in {seconds:0.0} s (first run with session open {firstSeconds:0.0} s) -> RTF {rtf:0.000}; {transcript.Segments.Count} segments; {found}/{Utterance.Length} utterance words present");
        Console.WriteLine($"first segments: {string.Join(" | ", transcript.Segments.Take(3).Select(s => $"[{s.Start:0.00}-{s.End:0.00}] {s.Text}"))}");
        result.Add("real-time factor (wall / audio)", rtf, "x", "< 1.0 on CPU", rtf < 1.0);
        result.Add("first run incl. session open", firstSeconds, "s");
        result.Add("utterance words present", found, $"of {Utterance.Length}");
        result.Details["model"] = folder;
        result.Details["segments"] = transcript.Segments.Count;
        _ = warm;
    }
}
