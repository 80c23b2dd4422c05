using System.Collections.Concurrent;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Vad;

/// <summary>
/// espeak-ng speech with known times over a continuous bed: silence (−60 dBFS floor), white noise, music (a
/// three-voice melody of harmonic tones, a note every 0.25 s) or applause (random decaying noise bursts, ~40
/// claps per second). Speech runs of 1–3 utterances, gaps of 1–3 s of bed only; the bed sits about 12 dB
/// below the speech's level. 16 kHz mono WAV, seeded, cached per bed and length.
/// </summary>
internal static class SpeechOverBeds
{
    public static readonly string[] Beds = ["silence", "noise", "music", "applause"];
    private static readonly double[] Gaps = [1.5, 1.0, 3.0, 2.0];
    private static readonly int[] Runs = [2, 1, 3];
    private static readonly ConcurrentDictionary<string, Lazy<SilenceTruthFile>> Generated = new();

    public static SilenceTruthFile Get(string bed, double seconds = 24, double leadSeconds = 1.0) =>
        Generated.GetOrAdd($"{bed}-{seconds}-{leadSeconds}", _ => new Lazy<SilenceTruthFile>(() => Generate(bed, seconds, leadSeconds))).Value;

    private static SilenceTruthFile Generate(string bed, double seconds, double leadSeconds)
    {
        const int rate = 16_000;
        var speech = Resample(EspeakSpeech.Samples, EspeakSpeech.SampleRate, rate);
        var utterance = (double)speech.Length / rate;
        var starts = new List<double>();
        var active = new List<TruthInterval>();
        var t = leadSeconds;
        for (var run = 0; ; run++)
        {
            var length = Runs[run % Runs.Length] * (utterance + 0.1) - 0.1;
            if (t + length > seconds - 0.5) break;
            for (var u = 0; u < Runs[run % Runs.Length]; u++) starts.Add(t + u * (utterance + 0.1));
            active.Add(new TruthInterval(t, t + length, "speech"));
            t += length + Gaps[run % Gaps.Length];
        }

        var total = (long)(seconds * rate);
        var speechRms = Math.Sqrt(speech.Average(s => (double)s * s));
        var bedLevel = (float)(speechRms * Math.Pow(10, -12 / 20.0));
        var background = Bed(bed, total, rate, bedLevel);
        var path = Path.Combine(MediaGenerator.Folder, $"speech-over-{bed}-{seconds:0}s-{leadSeconds:0}.wav");
        WavPcm16.Write(path, rate, total, i =>
        {
            var sample = background[i];
            var time = (double)i / rate;
            foreach (var start in starts)
                if (time >= start && time < start + utterance) sample += speech[Math.Min(speech.Length - 1, (int)((time - start) * rate))];
            return Math.Clamp(sample, -1f, 1f);
        });
        return new SilenceTruthFile(path, seconds, -60, active);
    }

    private static float[] Bed(string bed, long total, int rate, float level)
    {
        var noise = new GaussianNoise(seed: 23);
        var random = new Random(29);
        var samples = new float[total];
        switch (bed)
        {
            case "silence":
                for (var i = 0; i < total; i++) samples[i] = 0.001f * noise.Next();
                break;
            case "noise":
                for (var i = 0; i < total; i++) samples[i] = level * noise.Next();
                break;
            case "music":
                double[] scale = [220, 247, 262, 294, 330, 349, 392, 440];
                var note = (int)(0.25 * rate);
                for (var i = 0; i < total; i++)
                {
                    var step = i / note;
                    var value = 0.0;
                    foreach (var (voice, offset) in new[] { (0, 0), (1, 2), (2, 4) })
                    {
                        var hz = scale[(step * (voice + 3) + offset) % scale.Length] * (voice == 2 ? 0.5 : 1);
                        for (var h = 1; h <= 3; h++) value += Math.Sin(2 * Math.PI * hz * h * i / rate) / h;
                    }
                    samples[i] = (float)(level * 0.6 * value);
                }
                break;
            case "applause":
                var clapSamples = (int)(0.03 * rate);
                for (long start = 0; start < total; start += random.Next(rate / 80, rate / 20))
                {
                    var gain = level * (float)(2 + 3 * random.NextDouble());
                    for (var k = 0; k < clapSamples && start + k < total; k++)
                        samples[start + k] += gain * MathF.Exp(-k / (0.006f * rate)) * noise.Next();
                }
                break;
            default:
                throw new ArgumentException(bed);
        }
        return samples;
    }

    private static float[] Resample(float[] samples, int from, int to)
    {
        var length = (int)((long)samples.Length * to / from);
        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            var position = (double)i * from / to;
            var index = (int)position;
            var fraction = (float)(position - index);
            result[i] = index + 1 < samples.Length ? samples[index] * (1 - fraction) + samples[index + 1] * fraction : samples[^1];
        }
        return result;
    }

    /// <summary>Precision, recall and F1 of predicted speech against the truth, on 10-ms frames.</summary>
    public static (double Precision, double Recall, double F1) Score(IEnumerable<(double Start, double End)> predicted, IReadOnlyList<TruthInterval> truth, double seconds)
    {
        var frames = (int)(seconds * 100);
        var said = new bool[frames];
        var heard = new bool[frames];
        foreach (var t in truth) for (var f = (int)(t.Start * 100); f < Math.Min(frames, (int)(t.End * 100)); f++) said[f] = true;
        foreach (var p in predicted) for (var f = Math.Max(0, (int)(p.Start * 100)); f < Math.Min(frames, (int)(p.End * 100)); f++) heard[f] = true;
        double both = Enumerable.Range(0, frames).Count(f => said[f] && heard[f]);
        var precision = both / Math.Max(1, heard.Count(h => h));
        var recall = both / Math.Max(1, said.Count(s => s));
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
}
