namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Song sections (Foote 2000): timbre (MFCC 1–19) and chroma averaged over half-second blocks, z-scored,
/// compared in a cosine self-similarity matrix; a Gaussian-tapered checkerboard kernel (±4 s) slid along
/// the diagonal gives a novelty curve whose strong peaks, snapped to the nearest beat, are boundaries.
/// Segments are then labelled by similarity: the same letter when alike, a primed letter (A′) when close.
/// </summary>
internal static class SectionSegmenter
{
    private const double BlockSeconds = 0.5;
    private const int KernelBlocks = 8;
    private const double MinSectionSeconds = 4;
    private const double SameSimilarity = 0.85;
    private const double VariantSimilarity = 0.6;
    private const double MfccSpreadFloor = 2.0;
    private const double ChromaSpreadFloor = 0.1;

    /// <summary>Normalised novelty (−1…1) a boundary must reach: steady generated tracks peak near 0.25, real section changes at 0.5–0.7.</summary>
    private const double MinNovelty = 0.35;

    public static IReadOnlyList<Section> Segment(TimbreAndChroma features, double frameRate, double duration, IReadOnlyList<double> beatTimes)
    {
        if (duration <= 0) return [];
        var blocks = BlockFeatures(features, frameRate);
        var boundaries = new List<double> { 0 };
        if (blocks.Length >= 2 * KernelBlocks)
        {
            var novelty = Novelty(blocks);
            boundaries.AddRange(Peaks(novelty).Select(b => Snap(b * BlockSeconds, beatTimes)));
        }
        boundaries.Add(duration);
        var sections = new List<Section>();
        var labels = new List<(string Letter, double[] Mean)>();
        for (var i = 0; i + 1 < boundaries.Count; i++)
        {
            var (start, end) = (boundaries[i], boundaries[i + 1]);
            var mean = MeanOf(blocks, (int)(start / BlockSeconds), Math.Max((int)(start / BlockSeconds) + 1, (int)Math.Ceiling(end / BlockSeconds)));
            sections.Add(new Section(Math.Round(start, 3), Math.Round(end, 3), Label(mean, labels)));
        }
        return sections;
    }

    private static string Label(double[] mean, List<(string Letter, double[] Mean)> labels)
    {
        var best = -1;
        var bestSimilarity = double.NegativeInfinity;
        for (var i = 0; i < labels.Count; i++)
        {
            var s = Cosine(mean, labels[i].Mean);
            if (s > bestSimilarity) (best, bestSimilarity) = (i, s);
        }
        if (best >= 0 && bestSimilarity >= SameSimilarity) return labels[best].Letter;
        if (best >= 0 && bestSimilarity >= VariantSimilarity) return labels[best].Letter + "′";
        var letter = ((char)('A' + labels.Count % 26)).ToString();
        labels.Add((letter, mean));
        return letter;
    }

    /// <summary>Half-second means of MFCC 1–19 and chroma, each dimension z-scored over the song, each group weighted equally.</summary>
    internal static double[][] BlockFeatures(TimbreAndChroma features, double frameRate)
    {
        var perBlock = Math.Max(1, (int)Math.Round(BlockSeconds * frameRate));
        var count = features.Mfcc.Length / perBlock;
        const int timbre = TimbreAndChroma.MfccCount - 1;
        const int dims = timbre + TimbreAndChroma.ChromaCount;
        var blocks = new double[count][];
        for (var b = 0; b < count; b++)
        {
            var v = new double[dims];
            for (var f = b * perBlock; f < (b + 1) * perBlock; f++)
            {
                for (var k = 0; k < timbre; k++) v[k] += features.Mfcc[f][k + 1];
                for (var c = 0; c < TimbreAndChroma.ChromaCount; c++) v[timbre + c] += features.Chroma[f][c];
            }
            for (var d = 0; d < dims; d++) v[d] /= perBlock;
            blocks[b] = v;
        }
        for (var d = 0; d < dims && count > 1; d++)
        {
            var mean = blocks.Average(v => v[d]);
            // A floor on the spread keeps a steady song's small block-to-block wobble from being blown up to unit variance.
            var std = Math.Max(Math.Sqrt(blocks.Average(v => (v[d] - mean) * (v[d] - mean))), d < timbre ? MfccSpreadFloor : ChromaSpreadFloor);
            var weight = 1 / Math.Sqrt(d < timbre ? timbre : TimbreAndChroma.ChromaCount);
            foreach (var v in blocks) v[d] = (v[d] - mean) / std * weight;
        }
        return blocks;
    }

    internal static double[] Novelty(double[][] blocks)
    {
        var n = blocks.Length;
        var similarity = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                similarity[i, j] = similarity[j, i] = Math.Exp(-SquaredDistance(blocks[i], blocks[j]) / 2);
        var novelty = new double[n];
        const double sigma = KernelBlocks / 2.0;
        var kernelMass = 0.0;
        for (var a = -KernelBlocks; a < KernelBlocks; a++)
            for (var b = -KernelBlocks; b < KernelBlocks; b++)
                kernelMass += Math.Exp(-((a + 0.5) * (a + 0.5) + (b + 0.5) * (b + 0.5)) / (2 * sigma * sigma));
        for (var i = 1; i < n; i++)
        {
            var sum = 0.0;
            for (var a = -KernelBlocks; a < KernelBlocks; a++)
            {
                for (var b = -KernelBlocks; b < KernelBlocks; b++)
                {
                    int x = i + a, y = i + b;
                    if (x < 0 || y < 0 || x >= n || y >= n) continue;
                    // Same side of the boundary counts as +, across it as −; a Gaussian taper favours the near past/future.
                    var sign = (a < 0) == (b < 0) ? 1 : -1;
                    var ca = a + 0.5;
                    var cb = b + 0.5;
                    sum += sign * Math.Exp(-(ca * ca + cb * cb) / (2 * sigma * sigma)) * similarity[x, y];
                }
            }
            novelty[i] = 2 * sum / kernelMass;
        }
        return novelty;
    }

    /// <summary>Novelty maxima over ±<see cref="MinSectionSeconds"/> that stand out from the curve (mean + ½σ).</summary>
    private static List<int> Peaks(double[] novelty)
    {
        var reach = (int)(MinSectionSeconds / BlockSeconds);
        var mean = novelty.Average();
        var std = Math.Sqrt(novelty.Average(v => (v - mean) * (v - mean)));
        var peaks = new List<int>();
        for (var i = reach / 2; i < novelty.Length - reach / 2; i++)
        {
            if (novelty[i] < Math.Max(MinNovelty, mean + 0.5 * std)) continue;
            var isMax = true;
            for (var j = Math.Max(0, i - reach); j <= Math.Min(novelty.Length - 1, i + reach) && isMax; j++)
                if (novelty[j] > novelty[i] || (novelty[j] == novelty[i] && j < i)) isMax = false;
            if (isMax) peaks.Add(i);
        }
        return peaks;
    }

    /// <summary>Sections start on beats; a boundary moves to the nearest beat within 0.75 s.</summary>
    private static double Snap(double time, IReadOnlyList<double> beatTimes)
    {
        var nearest = beatTimes.Count == 0 ? time : beatTimes.MinBy(b => Math.Abs(b - time));
        return Math.Abs(nearest - time) <= 0.75 ? nearest : time;
    }

    private static double[] MeanOf(double[][] blocks, int from, int to)
    {
        var dims = blocks.Length > 0 ? blocks[0].Length : 0;
        var mean = new double[dims];
        from = Math.Clamp(from, 0, blocks.Length);
        to = Math.Clamp(to, from, blocks.Length);
        for (var b = from; b < to; b++) for (var d = 0; d < dims; d++) mean[d] += blocks[b][d];
        for (var d = 0; d < dims && to > from; d++) mean[d] /= to - from;
        return mean;
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }
}
