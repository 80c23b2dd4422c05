namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Bar phase in 4/4 from the accent pattern: each beat's accent is its bass-band onset (kick) plus half its
/// full-band onset, each relative to its mean over all beats; the phase (0–3) whose beats carry the most
/// accent is beat one. Robust to a tempo change because it works on beat indices, not times.
/// </summary>
internal static class DownbeatDetector
{
    public const int BeatsPerBar = 4;

    /// <returns>Index (0–3) of the first beat that is a downbeat.</returns>
    public static int Phase(IReadOnlyList<int> beatFrames, OnsetEnvelope onset)
    {
        if (beatFrames.Count < BeatsPerBar) return 0;
        var bass = beatFrames.Select(f => PeakNear(onset.Bass, f)).ToArray();
        var full = beatFrames.Select(f => PeakNear(onset.Strength, f)).ToArray();
        var bassMean = Math.Max(bass.Average(), 1e-9);
        var fullMean = Math.Max(full.Average(), 1e-9);
        var sums = new double[BeatsPerBar];
        var counts = new int[BeatsPerBar];
        for (var i = 0; i < beatFrames.Count; i++)
        {
            sums[i % BeatsPerBar] += bass[i] / bassMean + 0.5 * full[i] / fullMean;
            counts[i % BeatsPerBar]++;
        }
        var best = 0;
        for (var p = 1; p < BeatsPerBar; p++)
            if (sums[p] / counts[p] > sums[best] / counts[best]) best = p;
        return best;
    }

    /// <summary>Strongest value within ±30 ms of a beat frame: tracked beats sit a frame or two off the onset.</summary>
    private static double PeakNear(float[] values, int frame)
    {
        var best = 0f;
        for (var f = Math.Max(0, frame - 3); f <= Math.Min(values.Length - 1, frame + 3); f++) best = Math.Max(best, values[f]);
        return best;
    }
}
