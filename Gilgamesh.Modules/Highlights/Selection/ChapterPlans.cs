using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Modules.Highlights.Selection;

/// <summary>
/// Inside one chapter, the best set of non-overlapping candidates for every amount of resource (clips, or
/// duration units): weighted interval scheduling with an exact-resource table, so the chapters can then be
/// combined by a knapsack over the chapters.
/// </summary>
internal sealed class ChapterPlans
{
    private readonly List<ScoredCandidate> ordered;
    private readonly int[] previous;
    private readonly int[] cost;
    private readonly double[,] best;
    private readonly bool[,] take;

    public ChapterPlans(IEnumerable<ScoredCandidate> candidates, int capacity, Func<ScoredCandidate, int> costOf, Func<ScoredCandidate, double> valueOf)
    {
        ordered = candidates.OrderBy(c => c.LastSentence).ThenBy(c => c.FirstSentence).ToList();
        var n = ordered.Count;
        previous = new int[n];
        cost = new int[n];
        for (var j = 0; j < n; j++)
        {
            cost[j] = costOf(ordered[j]);
            var p = 0;
            while (p < j && ordered[p].LastSentence < ordered[j].FirstSentence) p++;
            previous[j] = p; // candidates 0..p-1 end before j starts (they are sorted by their last sentence)
        }

        best = new double[n + 1, capacity + 1];
        take = new bool[n + 1, capacity + 1];
        for (var r = 1; r <= capacity; r++) best[0, r] = double.NegativeInfinity;
        for (var j = 1; j <= n; j++)
        {
            for (var r = 0; r <= capacity; r++)
            {
                best[j, r] = best[j - 1, r];
                var c = cost[j - 1];
                if (c > r || double.IsNegativeInfinity(best[previous[j - 1], r - c])) continue;
                var with = best[previous[j - 1], r - c] + valueOf(ordered[j - 1]);
                if (with > best[j, r])
                {
                    best[j, r] = with;
                    take[j, r] = true;
                }
            }
        }
    }

    /// <summary>The best value using exactly <paramref name="resource"/>; −∞ when impossible.</summary>
    public double Value(int resource) => best[ordered.Count, resource];

    public IReadOnlyList<ScoredCandidate> Plan(int resource)
    {
        var chosen = new List<ScoredCandidate>();
        var j = ordered.Count;
        while (j > 0 && resource >= 0)
        {
            if (take[j, resource])
            {
                chosen.Add(ordered[j - 1]);
                resource -= cost[j - 1];
                j = previous[j - 1];
            }
            else
            {
                j--;
            }
        }
        chosen.Reverse();
        return chosen;
    }
}
