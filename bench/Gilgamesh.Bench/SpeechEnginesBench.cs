using System.Diagnostics;
using Gilgamesh.Modules.Analysis.Speech.Ggml;
using Whisper.net;

namespace Gilgamesh.Bench;

/// <summary>
/// Whisper.net compute per 30-s window on ggml files with the real tiny and base dimensions and random
/// weights (<see cref="SyntheticGgmlWhisper"/>; no real weights reach these machines, so the words mean
/// nothing and the compute is the real one). Each run decodes 3 windows of generated audio; 3 runs after a
/// warm-up, median; the ratio is compute ÷ audio time (real-time factor). The ONNX engine at the same
/// dimensions is not measured: no ONNX export with real Whisper layers can be generated here yet.
/// </summary>
internal sealed class SpeechEnginesBench : IBenchmark
{
    private const int Runs = 3;
    private const int Windows = 3;

    public async Task RunAsync(BenchResult result)
    {
        var work = Machine.TempDir("speech-engines");
        try
        {
            foreach (var (name, state, heads, layers) in new[] { ("tiny", 384, 6, 4), ("base", 512, 8, 6) })
            {
                var path = Path.Combine(work, $"ggml-{name}-random.bin");
                // A script of one "token" keeps the decoder to a short, fixed answer per window.
                SyntheticGgmlWhisper.Write(path, new SyntheticGgmlSpec
                {
                    State = state, Heads = heads, AudioLayers = layers, TextLayers = layers,
                    Script = [SyntheticGgmlWhisper.FirstLanguage, null, SyntheticGgmlWhisper.TimestampBegin, 15496, SyntheticGgmlWhisper.TimestampBegin + 50, SyntheticGgmlWhisper.EndOfText],
                });
                using var factory = WhisperFactory.FromPath(path, new WhisperFactoryOptions { UseGpu = false });
                var samples = Enumerable.Range(0, 30 * 16_000).Select(i => 0.2f * MathF.Sin(i * 0.1f) * (i / 8000 % 2)).ToArray();
                await PerWindowAsync(factory, samples); // warm-up
                var runs = new List<double>();
                for (var r = 0; r < Runs; r++) runs.Add(await PerWindowAsync(factory, samples));
                var median = runs.Order().ElementAt(Runs / 2);
                Console.WriteLine($"whisper.net {name} dims (random weights, {state} wide, {layers}+{layers} layers): {string.Join(" ", runs.Select(s => $"{s * 1000:0}"))} ms per 30-s window -> median {median * 1000:0} ms, real-time factor {median / 30:0.000}");
                result.Add($"whisper.net {name} dims, per 30-s window", median * 1000, "ms");
                result.Add($"whisper.net {name} dims, ratio compute / audio", median / 30, "x", "<= 1.0", median / 30 <= 1.0);
            }
            result.Details["commands"] = "bench/run speech-engines: Whisper.net (whisper.cpp CPU) on SyntheticGgmlWhisper files at tiny (384×4) and base (512×6) dimensions, 3 windows per run, median of 3";
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> PerWindowAsync(WhisperFactory factory, float[] samples)
    {
        var clock = Stopwatch.StartNew();
        for (var w = 0; w < Windows; w++)
        {
            await using var processor = factory.CreateBuilder().WithLanguage("en").Build();
            await foreach (var _ in processor.ProcessAsync(samples)) { }
        }
        return clock.Elapsed.TotalSeconds / Windows;
    }
}
