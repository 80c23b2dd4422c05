using System.Collections.Concurrent;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Speech over a raised noise floor with one phrase spoken much quieter than the rest: four espeak-ng
/// phrases separated by pauses of 0.7–1.4 s over a seeded Gaussian floor. The quiet phrase's RMS sits
/// <c>quietAboveFloorDb</c> over the floor's RMS, the others 12 dB louder than it (at most −14 dBFS), so
/// a threshold placed from the loud speech falls between the quiet phrase and the floor. A phrase's truth
/// is its audible part, as a range: surely from the first to the last 10 ms of the scaled clip whose RMS
/// reaches the floor's (<see cref="SilenceTruthFile.Active"/>), at most from the first to the last within
/// 3 dB under it (<see cref="QuietPhraseTruth.Faint"/>; where a word fades into the noise either edge is
/// right). A final consonant 14 dB under a phrase at the floor's level is under the noise, no detector's to find.
/// 22,050 Hz mono 16-bit WAV.
/// <code>
/// var truth = await QuietPhraseGroundTruth.GenerateAsync(floorDb: -38, quietAboveFloorDb: 6, quietIndex: 2);
/// </code>
/// </summary>
public static class QuietPhraseGroundTruth
{
    private static readonly string[] Phrases =
    [
        "the analysis engine measures every moment of sound",
        "please keep the quiet words inside the edit",
        "a softer voice is still a voice",
        "then the speaker carries on as before",
    ];

    private static readonly double[] PausesAfter = [0.9, 1.4, 0.7, 1.1];

    private static readonly ConcurrentDictionary<string, Lazy<Task<QuietPhraseTruth>>> Generated = new();

    /// <param name="floorDb">RMS of the noise floor, dBFS.</param>
    /// <param name="quietAboveFloorDb">How far the quiet phrase's RMS is above the floor's.</param>
    /// <param name="quietIndex">Which of the four phrases (0–3) is the quiet one.</param>
    public static Task<QuietPhraseTruth> GenerateAsync(double floorDb, double quietAboveFloorDb, int quietIndex)
    {
        var name = FormattableString.Invariant($"quiet-phrase-{-floorDb:0}dB-{quietAboveFloorDb:0.#}-{quietIndex}.wav");
        return Generated.GetOrAdd(name, n => new Lazy<Task<QuietPhraseTruth>>(() =>
            Task.Run(() => Generate(Path.Combine(MediaGenerator.Folder, n), floorDb, quietAboveFloorDb, quietIndex)))).Value;
    }

    private static QuietPhraseTruth Generate(string path, double floorDb, double quietAboveFloorDb, int quietIndex)
    {
        var rate = EspeakSpeech.SampleRate;
        var quietDb = floorDb + quietAboveFloorDb;
        var loudDb = Math.Min(quietDb + 12, -14);
        var clips = new List<(long Start, float[] Samples, float Gain)>();
        var active = new List<TruthInterval>();
        var faint = new List<TruthInterval>();
        var t = 0.6;
        for (var i = 0; i < Phrases.Length; i++)
        {
            var clip = EspeakSpeech.Say(Phrases[i]);
            var targetDb = i == quietIndex ? quietDb : loudDb;
            var gain = (float)Math.Pow(10, (targetDb - RmsDb(clip)) / 20);
            var start = (long)Math.Round(t * rate);
            clips.Add((start, clip, gain));
            var (first, last) = Audible(clip, gain, floorDb, rate / 100);
            var (faintFirst, faintLast) = Audible(clip, gain, floorDb - 3, rate / 100);
            faint.Add(new TruthInterval((double)(start + faintFirst) / rate, (double)(start + faintLast) / rate, "faint"));
            active.Add(new TruthInterval((double)(start + first) / rate, (double)(start + last) / rate, i == quietIndex ? "quiet" : "speech"));
            t = (double)(start + clip.Length) / rate + PausesAfter[i];
        }

        var total = (long)Math.Round(t * rate);
        var floorRms = (float)Math.Pow(10, floorDb / 20);
        var noise = new GaussianNoise(seed: 7 + quietIndex);
        var current = 0;
        WavPcm16.Write(path, rate, total, i =>
        {
            var sample = floorRms * noise.Next();
            while (current < clips.Count && i >= clips[current].Start + clips[current].Samples.Length) current++;
            if (current < clips.Count && i >= clips[current].Start) sample += clips[current].Gain * clips[current].Samples[i - clips[current].Start];
            return sample;
        });
        return new QuietPhraseTruth(new SilenceTruthFile(path, (double)total / rate, floorDb, active), faint);
    }

    /// <summary>Sample range from the first to the end of the last window whose scaled RMS is at least the floor's.</summary>
    private static (int First, int Last) Audible(float[] clip, float gain, double floorDb, int window)
    {
        var floorEnergy = Math.Pow(10, floorDb / 10);
        int first = -1, last = -1;
        for (var w = 0; w + window <= clip.Length; w += window)
        {
            var sum = 0.0;
            for (var k = w; k < w + window; k++) sum += (double)clip[k] * clip[k] * gain * gain;
            if (sum / window < floorEnergy) continue;
            if (first < 0) first = w;
            last = w + window;
        }
        return (first, last);
    }

    /// <summary>RMS of the whole trimmed clip in dBFS (a full-scale sine is −3): its pauses count, so this is the conservative level.</summary>
    private static double RmsDb(float[] clip)
    {
        var sum = 0.0;
        foreach (var s in clip) sum += (double)s * s;
        return 10 * Math.Log10(sum / clip.Length);
    }
}

/// <summary>The file with each phrase's sure (<see cref="SilenceTruthFile.Active"/>) and widest (<see cref="Faint"/>) audible extent.</summary>
public sealed record QuietPhraseTruth(SilenceTruthFile File, IReadOnlyList<TruthInterval> Faint);
