using System.Collections.Concurrent;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Deterministic audio with known sound/silence boundaries: 440/880 Hz tones, Gaussian noise bursts and
/// an espeak-ng utterance separated by silences of 0.3–5 s, all over a Gaussian noise floor
/// (−60 or −45 dBFS RMS), tones and bursts starting with linear fade-ins (20–50 ms). Synthesised
/// sample by sample (seeded), so the truth is exact rather than inferred from a filter graph;
/// 22,050 Hz mono 16-bit WAV, the rate espeak-ng speaks at. Long files repeat the same pattern and
/// stream to disk (the one-hour bench file is never in memory).
/// <code>
/// var truth = await SilenceGroundTruth.GenerateAsync(-45);           // ~15 s
/// var hour = await SilenceGroundTruth.GenerateAsync(-45, 3600);      // bench
/// </code>
/// </summary>
public static class SilenceGroundTruth
{
    public const int SampleRate = EspeakSpeech.SampleRate;
    private const float ToneAmplitude = 0.3f;
    private const float BurstRms = 0.1f;

    // (kind, seconds of sound, fade-in seconds, silence after): one pass of the pattern, ~15 s.
    private static readonly (string Kind, double Seconds, double FadeIn, double GapAfter)[] Pattern =
    [
        ("tone440", 1.0, 0.02, 0.3),
        ("noise", 0.8, 0.02, 2.0),
        ("speech", 0, 0, 0.5),
        ("tone880", 0.6, 0.05, 5.0),
        ("noise", 0.4, 0.05, 0.4),
        ("tone440", 0.7, 0.02, 1.0),
    ];

    private static readonly ConcurrentDictionary<string, Lazy<Task<SilenceTruthFile>>> Generated = new();

    /// <param name="noiseFloorDb">RMS of the everywhere-present noise floor, dBFS.</param>
    /// <param name="minimumSeconds">Repeat the pattern until at least this long (0: one pass).</param>
    public static Task<SilenceTruthFile> GenerateAsync(double noiseFloorDb, double minimumSeconds = 0, string? folder = null)
    {
        var name = FormattableString.Invariant($"silence-truth-{-noiseFloorDb:0}dB-{minimumSeconds:0}s.wav");
        return Generated.GetOrAdd(name, n => new Lazy<Task<SilenceTruthFile>>(() =>
            Task.Run(() => Generate(Path.Combine(folder ?? MediaGenerator.Folder, n), noiseFloorDb, minimumSeconds)))).Value;
    }

    private static SilenceTruthFile Generate(string path, double noiseFloorDb, double minimumSeconds)
    {
        var speech = EspeakSpeech.Samples;
        var events = new List<(TruthInterval Interval, string Kind, double FadeIn)>();
        var t = 0.5;
        do
        {
            foreach (var (kind, seconds, fade, gap) in Pattern)
            {
                var length = kind == "speech" ? (double)speech.Length / SampleRate : seconds;
                events.Add((new TruthInterval(t, t + length, kind), kind, fade));
                t += length + gap;
            }
        }
        while (t < minimumSeconds);

        var duration = t;
        var total = (long)Math.Round(duration * SampleRate);
        var floorRms = (float)Math.Pow(10, noiseFloorDb / 20);
        var noise = new GaussianNoise(seed: 4);
        var current = 0;
        WavPcm16.Write(path, SampleRate, total, i =>
        {
            var sample = floorRms * noise.Next();
            var time = (double)i / SampleRate;
            while (current < events.Count && time >= events[current].Interval.End) current++;
            if (current < events.Count && time >= events[current].Interval.Start)
            {
                var (interval, kind, fadeIn) = events[current];
                var since = time - interval.Start;
                var gain = fadeIn > 0 ? (float)Math.Min(1, since / fadeIn) : 1f;
                sample += gain * kind switch
                {
                    "tone440" => ToneAmplitude * MathF.Sin((float)(2 * Math.PI * 440 * since)),
                    "tone880" => ToneAmplitude * MathF.Sin((float)(2 * Math.PI * 880 * since)),
                    "noise" => BurstRms * noise.Next(),
                    _ => speech[Math.Min(speech.Length - 1, (int)Math.Round(since * SampleRate))],
                };
            }
            return sample;
        });
        return new SilenceTruthFile(path, (double)total / SampleRate, noiseFloorDb, events.Select(e => e.Interval).ToList());
    }
}
