namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// TextTiling after Hearst (1997) on sentences: at each gap between sentences, the cosine similarity of
/// the <c>window</c> sentences before and after; a gap's depth is how far it dips below the nearest peaks
/// on both sides; gaps deeper than <c>mean + sd × cutoff</c> are topic boundaries. Returns the index of the
/// sentence each new topic starts with.
/// </summary>
internal static class TopicSegmenter
{
    public static IReadOnlyList<(int Sentence, double Depth)> Boundaries(IReadOnlyList<LectureSentence> sentences, TermWeights weights, int window = 4, double cutoff = 0.5)
    {
        if (sentences.Count < 2 * window) return [];
        var gaps = sentences.Count - 1;
        var similarity = new double[gaps];
        for (var g = 0; g < gaps; g++)
        {
            var before = weights.Vector(sentences.Skip(Math.Max(0, g - window + 1)).Take(Math.Min(window, g + 1)).Select(s => s.Text));
            var after = weights.Vector(sentences.Skip(g + 1).Take(window).Select(s => s.Text));
            similarity[g] = TermWeights.Cosine(before, after);
        }

        var depth = new double[gaps];
        for (var g = 0; g < gaps; g++)
        {
            var left = similarity[g];
            for (var i = g - 1; i >= 0 && similarity[i] >= left; i--) left = similarity[i];
            var right = similarity[g];
            for (var i = g + 1; i < gaps && similarity[i] >= right; i++) right = similarity[i];
            depth[g] = left - similarity[g] + (right - similarity[g]);
        }

        var mean = depth.Average();
        var sd = Math.Sqrt(depth.Sum(d => (d - mean) * (d - mean)) / gaps);
        var threshold = mean + sd * cutoff;
        var result = new List<(int, double)>();
        for (var g = 0; g < gaps; g++)
        {
            // Only local maxima of depth, so a wide valley gives one boundary.
            var isPeak = (g == 0 || depth[g] >= depth[g - 1]) && (g == gaps - 1 || depth[g] > depth[g + 1]);
            if (depth[g] > 0 && depth[g] > threshold && isPeak) result.Add((g + 1, depth[g]));
        }
        return result;
    }
}
