namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Detection scoring shared by tests and bench. Intervals match when both edges are within the
/// tolerance (one-to-one, greedy in time order); events (cuts) match when their times are within it.
/// </summary>
public static class IntervalScore
{
    public static (double F1, int Matched, double WorstEdgeError) Intervals(
        IReadOnlyList<(double Start, double End)> truth, IReadOnlyList<(double Start, double End)> found, double tolerance)
    {
        var used = new bool[found.Count];
        var matched = 0;
        var worst = 0.0;
        foreach (var (ts, te) in truth)
        {
            for (var i = 0; i < found.Count; i++)
            {
                if (used[i]) continue;
                var error = Math.Max(Math.Abs(found[i].Start - ts), Math.Abs(found[i].End - te));
                if (error > tolerance) continue;
                used[i] = true;
                matched++;
                worst = Math.Max(worst, error);
                break;
            }
        }
        return (F1(matched, truth.Count, found.Count), matched, worst);
    }

    public static (double F1, int Matched) Events(IReadOnlyList<double> truth, IReadOnlyList<double> found, double tolerance)
    {
        var used = new bool[found.Count];
        var matched = 0;
        foreach (var t in truth)
        {
            var best = -1;
            for (var i = 0; i < found.Count; i++)
                if (!used[i] && Math.Abs(found[i] - t) <= tolerance && (best < 0 || Math.Abs(found[i] - t) < Math.Abs(found[best] - t))) best = i;
            if (best < 0) continue;
            used[best] = true;
            matched++;
        }
        return (F1(matched, truth.Count, found.Count), matched);
    }

    private static double F1(int matched, int truth, int found) =>
        truth + found == 0 ? 1.0 : 2.0 * matched / (truth + found);
}
