namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Decides whether the tracked beats are really every other beat. The tempo prior favours ~120 BPM, so a
/// 180 BPM kick/snare groove is first tracked at 90 BPM (kicks only, snares in between). When the onsets
/// halfway between tracked beats are nearly as strong as the beats themselves, they are beats too; when they
/// are clearly weaker (off-beat hi-hats under a 70 BPM groove), they are subdivisions. The converse check
/// halves the level: when every other tracked beat is much weaker than its neighbours (eighth-note hats
/// tracked as beats), only the strong ones are beats. Between the two thresholds the level is kept.
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

    public static bool ShouldDouble(IReadOnlyList<int> beatFrames, ReadOnlySpan<float> onset, double bpm) =>
        beatFrames.Count >= 8 && 2 * bpm <= MaxBpm && MidpointShare(beatFrames, onset) >= BeatShare;

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

    /// <returns>0 or 1: the parity of the beats to keep when alternate beats are subdivisions; −1 to keep all.</returns>
    public static int StrongParity(IReadOnlyList<int> beatFrames, ReadOnlySpan<float> onset, double bpm)
    {
        if (beatFrames.Count < 8 || bpm / 2 < TempoEstimator.MinBpm) return -1;
        double even = 0, odd = 0;
        for (var i = 0; i < beatFrames.Count; i++)
        {
            if (i % 2 == 0) even += PeakNear(onset, beatFrames[i]);
            else odd += PeakNear(onset, beatFrames[i]);
        }
        even /= (beatFrames.Count + 1) / 2;
        odd /= beatFrames.Count / 2;
        var (weak, strong) = even < odd ? (even, odd) : (odd, even);
        if (strong <= 0 || weak / strong >= SubdivisionShare) return -1;
        return even >= odd ? 0 : 1;
    }

    /// <summary>Strongest value within ±30 ms (3 frames at 100 fps).</summary>
    private static double PeakNear(ReadOnlySpan<float> values, int frame)
    {
        var best = 0f;
        for (var f = Math.Max(0, frame - 3); f <= Math.Min(values.Length - 1, frame + 3); f++) best = Math.Max(best, values[f]);
        return best;
    }
}
