namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Decides whether the tracked beats are really every other beat (or twice the beat), weighing two kinds of
/// evidence: the tempogram's (autocorrelation at each level's period times the 70–160 BPM prior,
/// <see cref="TempoEstimator.Score"/>) and the onsets' (how strong the onsets halfway between tracked beats
/// are relative to the beats, <see cref="MidpointShare"/>, or how much weaker every other beat is,
/// <see cref="AlternateShare"/>). A 180 BPM kick/snare groove is first tracked at 90 BPM (kicks only,
/// snares in between: strong midpoints, evidence to double); off-beat hi-hats under a 97 BPM groove are
/// also sizeable midpoints, but there the tempogram and the prior speak clearly for 97, and the product
/// decides. The onset evidence for doubling is a likelihood ratio around its threshold, share /
/// <see cref="BeatShare"/>; the doubled level wins only when the product of both ratios exceeds 1, and that
/// product is what the tempo's "double" (or, once doubled, "half") alternative reports. Halving stays a
/// check of the onsets alone (<see cref="IsSubdivision"/>): every other beat clearly weaker.
/// </summary>
internal static class MetricalLevel
{
    /// <summary>
    /// Midpoint/beat onset ratio from which the midpoints count as beats. Measured on the generated rock grooves
    /// (70–180 BPM): tracked at the true beat the midpoints (off-beat hats) give 0.39–0.45; tracked at half the
    /// tempo (snares between kicks) 0.69–0.74.
    /// </summary>
    private const double BeatShare = 0.58;

    /// <summary>Weak/strong ratio of alternate beats under which the weak ones are subdivisions.</summary>
    private const double SubdivisionShare = 0.6;

    /// <summary>Above this, the faster level is a subdivision whatever its strength.</summary>
    private const double MaxBpm = 200;

    /// <summary>Onset evidence for the doubled level against the tracked one (1 = none either way).</summary>
    public static double DoubleEvidence(IReadOnlyList<int> beatFrames, ReadOnlySpan<float> onset, double bpm) =>
        beatFrames.Count < 8 ? 1 : 2 * bpm > MaxBpm ? 0 : MidpointShare(beatFrames, onset) / BeatShare;

    /// <summary>Onset evidence for the tracked level against its half once the weak beats were found to be subdivisions (&lt; 1).</summary>
    public static double SubdivisionEvidence(double weakShare) => weakShare / SubdivisionShare;

    /// <summary>Whether every other tracked beat is so much weaker than its neighbours that the weak ones are subdivisions.</summary>
    public static bool IsSubdivision(int beatCount, double weakShare, double bpm) =>
        beatCount >= 8 && bpm / 2 >= TempoEstimator.MinBpm && weakShare < SubdivisionShare;

    /// <summary>Mean onset strength halfway between tracked beats relative to that on the beats.</summary>
    public static double MidpointShare(IReadOnlyList<int> beatFrames, ReadOnlySpan<float> onset)
    {
        double onBeats = 0, between = 0;
        for (var i = 0; i + 1 < beatFrames.Count; i++)
        {
            onBeats += PeakNear(onset, beatFrames[i]);
            between += PeakNear(onset, (beatFrames[i] + beatFrames[i + 1]) / 2);
        }
        return onBeats > 0 ? between / onBeats : 0;
    }

    /// <summary>Weak/strong ratio of the mean onset on alternate tracked beats, and the parity (0 or 1) of the strong ones.</summary>
    public static (double WeakShare, int StrongParity) AlternateShare(IReadOnlyList<int> beatFrames, ReadOnlySpan<float> onset)
    {
        double even = 0, odd = 0;
        for (var i = 0; i < beatFrames.Count; i++)
        {
            if (i % 2 == 0) even += PeakNear(onset, beatFrames[i]);
            else odd += PeakNear(onset, beatFrames[i]);
        }
        even /= (beatFrames.Count + 1) / 2;
        odd /= beatFrames.Count / 2;
        var (weak, strong) = even < odd ? (even, odd) : (odd, even);
        return (strong <= 0 ? 1 : weak / strong, even >= odd ? 0 : 1);
    }

    /// <summary>Strongest value within ±30 ms (3 frames at 100 fps).</summary>
    private static double PeakNear(ReadOnlySpan<float> values, int frame)
    {
        var best = 0f;
        for (var f = Math.Max(0, frame - 3); f <= Math.Min(values.Length - 1, frame + 3); f++) best = Math.Max(best, values[f]);
        return best;
    }
}
