namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary>
/// The MIREX/mir_eval measures the tolerances are stated in: F-measure of event times matched
/// one-to-one within a window (beats ±70 ms, section boundaries ±1 s), and tempo error as a ratio.
/// </summary>
internal static class BeatAccuracy
{
    public static double FMeasure(IReadOnlyList<double> estimated, IReadOnlyList<double> reference, double tolerance)
    {
        if (estimated.Count == 0 || reference.Count == 0) return estimated.Count == reference.Count ? 1 : 0;
        var used = new bool[estimated.Count];
        var hits = 0;
        foreach (var r in reference)
        {
            var best = -1;
            for (var i = 0; i < estimated.Count; i++)
                if (!used[i] && Math.Abs(estimated[i] - r) <= tolerance && (best < 0 || Math.Abs(estimated[i] - r) < Math.Abs(estimated[best] - r))) best = i;
            if (best < 0) continue;
            used[best] = true;
            hits++;
        }
        var precision = (double)hits / estimated.Count;
        var recall = (double)hits / reference.Count;
        return hits == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Relative tempo error, |estimate/truth − 1|.</summary>
    public static double TempoError(double estimated, double truth) => Math.Abs(estimated / truth - 1);

    /// <summary>Smallest relative error allowing the estimate to be at half, the same, or double the true tempo.</summary>
    public static double TempoErrorUpToOctave(double estimated, double truth) =>
        new[] { 0.5, 1, 2 }.Min(f => Math.Abs(estimated / (truth * f) - 1));
}
