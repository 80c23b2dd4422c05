using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>Precision/recall of one cut kind: truth cuts of that kind, those matched, detections blamed on it.</summary>
internal sealed record KindScore(int Truth, int Matched, int FalsePositives)
{
    public double F1 => Truth + Matched + FalsePositives == 0 ? 1 : 2.0 * Matched / (Truth + Matched + FalsePositives);
}

/// <summary>
/// Scores detected cut times against a scene truth, the same way for a detector that labels its cuts (ours)
/// and one that does not (scdet): one-to-one matching in time order, each truth cut taking the nearest unused
/// detection within its kind's tolerance (hard: ±1 frame; gradual and slide: ±0.5 s). A detection left
/// unmatched is a false positive of the kind of the truth cut nearest to it, so F1 can be given per kind.
/// </summary>
internal static class SceneCutScore
{
    public static readonly string[] Kinds = ["hard", "gradual", "slide"];

    public static (Dictionary<string, KindScore> ByKind, double F1) Score(SceneTruthFile truth, IReadOnlyList<double> found)
    {
        var used = new bool[found.Count];
        var matched = Kinds.ToDictionary(k => k, _ => 0);
        foreach (var cut in truth.Cuts)
        {
            var tolerance = cut.Kind == "hard" ? 1.0 / truth.Fps + 1e-6 : 0.5;
            var best = -1;
            for (var i = 0; i < found.Count; i++)
            {
                var error = Math.Abs(found[i] - cut.Time);
                if (!used[i] && error <= tolerance && (best < 0 || error < Math.Abs(found[best] - cut.Time))) best = i;
            }
            if (best < 0) continue;
            used[best] = true;
            matched[cut.Kind]++;
        }

        var falsePositives = Kinds.ToDictionary(k => k, _ => 0);
        for (var i = 0; i < found.Count; i++)
        {
            if (used[i] || truth.Cuts.Count == 0) continue;
            falsePositives[truth.Cuts.MinBy(c => Math.Abs(c.Time - found[i]))!.Kind]++;
        }

        var byKind = Kinds.ToDictionary(k => k, k => new KindScore(truth.OfKind(k).Count, matched[k], falsePositives[k]));
        var total = matched.Values.Sum();
        var f1 = truth.Cuts.Count + found.Count == 0 ? 1 : 2.0 * total / (truth.Cuts.Count + found.Count);
        return (byKind, f1);
    }
}
