using System.Collections.Concurrent;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// Generated speech with known pauses: the espeak-ng utterance repeated, in runs of one to five utterances
/// separated by 0.1 s (too short to count as silence, so runs read as continuous speech of up to ~17 s),
/// runs separated by 0.5–3 s of a −60 dBFS noise floor. 22,050 Hz mono WAV, seeded, cached per length.
/// </summary>
internal static class SpeechTruth
{
    private static readonly double[] Gaps = [0.8, 0.5, 3.0, 1.2, 0.6, 2.0];
    private static readonly int[] RunLengths = [3, 1, 5, 2, 4];
    private static readonly ConcurrentDictionary<double, Lazy<Task<SilenceTruthFile>>> Generated = new();

    public static Task<SilenceTruthFile> GenerateAsync(double minimumSeconds) =>
        Generated.GetOrAdd(minimumSeconds, s => new Lazy<Task<SilenceTruthFile>>(() => Task.Run(() => Generate(s)))).Value;

    private static SilenceTruthFile Generate(double minimumSeconds)
    {
        var rate = EspeakSpeech.SampleRate;
        var speech = EspeakSpeech.Samples;
        var utterance = (double)speech.Length / rate;
        var active = new List<TruthInterval>();
        var starts = new List<double>();
        var t = 0.7;
        for (var run = 0; t < minimumSeconds; run++)
        {
            var runStart = t;
            for (var u = 0; u < RunLengths[run % RunLengths.Length]; u++)
            {
                starts.Add(t);
                t += utterance + 0.1;
            }
            active.Add(new TruthInterval(runStart, t - 0.1, "speech"));
            t += Gaps[run % Gaps.Length] - 0.1;
        }

        var path = Path.Combine(MediaGenerator.Folder, $"speech-truth-{minimumSeconds:0}s.wav");
        var total = (long)Math.Round(t * rate);
        var floor = (float)Math.Pow(10, -60 / 20.0);
        var noise = new GaussianNoise(seed: 11);
        var current = 0;
        WavPcm16.Write(path, rate, total, i =>
        {
            var sample = floor * noise.Next();
            var time = (double)i / rate;
            while (current < starts.Count && time >= starts[current] + utterance) current++;
            if (current < starts.Count && time >= starts[current])
                sample += speech[Math.Min(speech.Length - 1, (int)Math.Round((time - starts[current]) * rate))];
            return sample;
        });
        return new SilenceTruthFile(path, (double)total / rate, -60, active);
    }
}
