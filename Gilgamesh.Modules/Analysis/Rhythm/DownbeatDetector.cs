namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Bar positions in 4/4 from the accent pattern: each beat's accent is its bass-band onset (kick) plus half its
/// full-band onset, each relative to its mean over all beats. Around every beat, the phase (beat index mod 4)
/// whose beats carry the most accent over ±<see cref="ReachBeats"/> beats is beat one. Local rather than
/// global, so a beat the tracker adds or drops (at a tempo change, a fill) shifts the bar grid only there.
/// </summary>
internal static class DownbeatDetector
{
    public const int BeatsPerBar = 4;

    /// <summary>Four bars either side: enough to outvote a single loud fill, short enough to recover after a slip.</summary>
    private const int ReachBeats = 16;

    /// <returns>Position in the bar (1 = downbeat … 4) of each beat.</returns>
    public static int[] Positions(IReadOnlyList<int> beatFrames, OnsetEnvelope onset)
    {
        var count = beatFrames.Count;
        if (count == 0) return [];
        var bass = beatFrames.Select(f => PeakNear(onset.Bass, f)).ToArray();
        var full = beatFrames.Select(f => PeakNear(onset.Strength, f)).ToArray();
        var bassMean = Math.Max(bass.Average(), 1e-9);
        var fullMean = Math.Max(full.Average(), 1e-9);
        var accent = new double[count];
        for (var i = 0; i < count; i++) accent[i] = bass[i] / bassMean + 0.5 * full[i] / fullMean;

        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            var sums = new double[BeatsPerBar];
            var counts = new int[BeatsPerBar];
            for (var j = Math.Max(0, i - ReachBeats); j <= Math.Min(count - 1, i + ReachBeats); j++)
            {
                sums[j % BeatsPerBar] += accent[j];
                counts[j % BeatsPerBar]++;
            }
            var phase = 0;
            for (var p = 1; p < BeatsPerBar; p++)
                if (counts[p] > 0 && (counts[phase] == 0 || sums[p] / counts[p] > sums[phase] / counts[phase])) phase = p;
            positions[i] = ((i - phase) % BeatsPerBar + BeatsPerBar) % BeatsPerBar + 1;
        }
        return positions;
    }

    /// <summary>Strongest value within ±30 ms of a beat frame: tracked beats sit a frame or two off the onset.</summary>
    private static double PeakNear(float[] values, int frame)
    {
        var best = 0f;
        for (var f = Math.Max(0, frame - 3); f <= Math.Min(values.Length - 1, frame + 3); f++) best = Math.Max(best, values[f]);
        return best;
    }
}
