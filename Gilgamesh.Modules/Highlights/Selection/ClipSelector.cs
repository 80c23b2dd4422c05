using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Modules.Highlights.Selection;

/// <summary>
/// Chooses the reel: non-overlapping candidates (each lies inside one chapter, so clips of different chapters
/// never overlap), spread over chapters, meeting the goal. A knapsack over chapters of each chapter's best
/// plans; every clip after a chapter's first is worth <see cref="SpreadPenalty"/> × the best candidate's value
/// less (duration goal: every second beyond a chapter's fair share), so clips spread over the chapters unless
/// one chapter is much better than the others. Exact and
/// deterministic (ties keep the earlier choice). Count goal: value = score; duration goal: value = score ×
/// seconds in units of at least 1 s (coarser for very long goals, at most 600 units), total ≤ goal.
/// </summary>
internal static class ClipSelector
{
    public const double SpreadPenalty = 0.5;
    private const int MaxUnits = 600;

    public static IReadOnlyList<ScoredCandidate> Select(IReadOnlyList<ScoredCandidate> candidates, int chapterCount, SelectionGoal goal)
    {
        if (candidates.Count == 0) return [];
        var chapters = Math.Max(1, chapterCount);
        var byDuration = goal.ClipCount is null;
        var unit = byDuration ? Math.Max(1.0, goal.TotalSeconds!.Value / MaxUnits) : 1;
        var capacity = byDuration ? (int)Math.Floor(goal.TotalSeconds!.Value / unit) : goal.ClipCount!.Value;
        Func<ScoredCandidate, int> costOf = byDuration ? c => (int)Math.Ceiling(c.Duration / unit - 1e-9) : _ => 1;
        Func<ScoredCandidate, double> valueOf = byDuration ? c => c.Score * c.Duration : c => c.Score;
        var bestValue = candidates.Max(valueOf);
        var bestScore = candidates.Max(c => c.Score);
        var fairShare = (double)capacity / chapters;
        double Penalty(int resource) => byDuration
            ? SpreadPenalty * bestScore * unit * Math.Max(0, resource - fairShare)
            : SpreadPenalty * bestValue * Math.Max(0, resource - 1);

        var plans = Enumerable.Range(0, chapters)
            .Select(c => new ChapterPlans(candidates.Where(x => x.Chapter == c), capacity, costOf, valueOf)).ToList();

        // total[c, r]: best value of chapters 0..c-1 using exactly r; share[c, r]: what chapter c-1 used.
        var total = new double[chapters + 1, capacity + 1];
        var share = new int[chapters + 1, capacity + 1];
        for (var r = 1; r <= capacity; r++) total[0, r] = double.NegativeInfinity;
        for (var c = 1; c <= chapters; c++)
        {
            for (var r = 0; r <= capacity; r++)
            {
                total[c, r] = double.NegativeInfinity;
                for (var own = 0; own <= r; own++)
                {
                    var inner = plans[c - 1].Value(own);
                    if (double.IsNegativeInfinity(inner) || double.IsNegativeInfinity(total[c - 1, r - own])) continue;
                    var value = total[c - 1, r - own] + inner - Penalty(own);
                    if (value > total[c, r])
                    {
                        total[c, r] = value;
                        share[c, r] = own;
                    }
                }
            }
        }

        var target = Target(total, chapters, capacity, byDuration);
        if (target < 0) return [];
        var chosen = new List<ScoredCandidate>();
        for (var c = chapters; c >= 1; c--)
        {
            var own = share[c, target];
            chosen.AddRange(plans[c - 1].Plan(own));
            target -= own;
        }
        return chosen.OrderBy(x => x.Start).ToList();
    }

    // Count: exactly the count, or the most clips there are. Duration: the best value within the goal.
    private static int Target(double[,] total, int chapters, int capacity, bool byDuration)
    {
        var target = -1;
        for (var r = capacity; r >= 0; r--)
        {
            if (double.IsNegativeInfinity(total[chapters, r])) continue;
            if (!byDuration) return r;
            if (target < 0 || total[chapters, r] > total[chapters, target]) target = r;
        }
        return target;
    }
}
