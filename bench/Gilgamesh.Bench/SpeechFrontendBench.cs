using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Bench;

/// <summary>
/// Whisper's front end alone: <see cref="WhisperLogMel"/> (80 mels) over 10 minutes of generated 16 kHz audio
/// (tones, noise and pauses), window by window as the engine does, against the numpy reference
/// (bench/speech_logmel_numpy.py: np.fft.rfft over each window's frames) on the very same samples in the
/// same run. Median of 5 runs each after one warm-up; the ratio is ours ÷ numpy (lower is better).
/// </summary>
internal sealed class SpeechFrontendBench(BenchOptions options) : IBenchmark
{
    private const int Seconds = 600;
    private const int Mels = 80;
    private const int Runs = 5;

    public async Task RunAsync(BenchResult result)
    {
        var work = Machine.TempDir("speech-frontend");
        try
        {
            var samples = Signal(Seconds * WhisperLogMel.SampleRate);
            var path = Path.Combine(work, "samples.f32");
            await File.WriteAllBytesAsync(path, MemoryMarshal.AsBytes(samples.AsSpan()).ToArray());

            var logMel = new WhisperLogMel(Mels);
            LogMelAll(logMel, samples); // warm-up: JIT, tiered compilation
            var ours = Enumerable.Range(0, Runs).Select(_ => LogMelAll(logMel, samples)).ToList();

            var script = Path.Combine(options.RepoRoot, "bench", "speech_logmel_numpy.py");
            var (code, stdout, stderr) = await Proc.RunAsync("/usr/bin/python3", [script, path, $"{Mels}", $"{Runs + 1}"]);
            if (code != 0) throw new InvalidOperationException($"speech_logmel_numpy.py failed ({code}); apt-get install python3-numpy\n{stderr}");
            var numpy = JsonNode.Parse(stdout)!["seconds"]!.AsArray().Skip(1).Select(s => (double)s!).ToList();

            var windows = (samples.Length + WhisperLogMel.WindowSamples - 1) / WhisperLogMel.WindowSamples;
            var oursMedian = Median(ours);
            var numpyMedian = Median(numpy);
            Console.WriteLine($"{Seconds} s of audio = {windows} windows of 30 s, {Mels} mels, {Environment.ProcessorCount} cores");
            Console.WriteLine($"ours  (WhisperLogMel.Compute per window): {string.Join(" ", ours.Select(s => $"{s:0.000}"))} s -> median {oursMedian:0.000} s = {oursMedian / windows * 1000:0.0} ms per window");
            Console.WriteLine($"numpy ({Path.GetFileName(script)}):        {string.Join(" ", numpy.Select(s => $"{s:0.000}"))} s -> median {numpyMedian:0.000} s = {numpyMedian / windows * 1000:0.0} ms per window");
            result.Add("log-mel of 10 min, ours", oursMedian, "s");
            result.Add("log-mel of 10 min, numpy reference", numpyMedian, "s");
            result.Add("log-mel per 30-s window, ours", oursMedian / windows * 1000, "ms", "<= 50", oursMedian / windows * 1000 <= 50);
            result.Add("ratio ours / numpy", oursMedian / numpyMedian, "x", "<= 1.0", oursMedian / numpyMedian <= 1.0);
            result.Details["commands"] = $"ours: new WhisperLogMel({Mels}).Compute(window) per 30-s window (in process); numpy: /usr/bin/python3 bench/speech_logmel_numpy.py samples.f32 {Mels} {Runs + 1}";
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double LogMelAll(WhisperLogMel logMel, float[] samples)
    {
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < samples.Length; first += WhisperLogMel.WindowSamples)
            logMel.Compute(samples.AsSpan(first, Math.Min(WhisperLogMel.WindowSamples, samples.Length - first)));
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Two tones and LCG noise, silent for the last 2 s of every 20 (silent frames are cheaper on our side: keep them honest).</summary>
    private static float[] Signal(int count)
    {
        var samples = new float[count];
        uint state = 12345;
        for (var i = 0; i < count; i++)
        {
            var t = (double)i / WhisperLogMel.SampleRate;
            state = 1664525 * state + 1013904223;
            var x = 0.3 * Math.Sin(2 * Math.PI * 440 * t) + 0.2 * Math.Sin(2 * Math.PI * 1234.5 * t) + (state / 4294967296.0 - 0.5) * 0.05;
            samples[i] = t % 20 < 18 ? (float)x : 0f;
        }
        return samples;
    }
}
