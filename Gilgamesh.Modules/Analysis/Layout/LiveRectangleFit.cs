namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Fits one axis-aligned rectangle to the live pixels: a column (row) belongs to it when its share of live
/// pixels reaches half of the busiest column's (row's) share, and the rectangle is the longest run of such
/// columns by the longest run of such rows. Relative thresholds make a 25% inset and a full-frame camera fit alike.
/// </summary>
internal static class LiveRectangleFit
{
    public static (NormalizedRect Rect, double Purity, double Fill) Fit(bool[] mask, int width, int height)
    {
        var columns = new double[width];
        var rows = new double[height];
        var total = 0;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            if (!mask[y * width + x]) continue;
            columns[x]++;
            rows[y]++;
            total++;
        }
        if (total == 0) return (default, 0, 0);

        var (x0, x1) = LongestRun(columns);
        var (y0, y1) = LongestRun(rows);
        var inside = 0;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
        {
            if (mask[y * width + x]) inside++;
        }
        var area = (x1 - x0) * (y1 - y0);
        var rect = new NormalizedRect((double)x0 / width, (double)y0 / height, (double)(x1 - x0) / width, (double)(y1 - y0) / height);
        return (rect, (double)inside / total, area == 0 ? 0 : (double)inside / area);
    }

    private static (int Start, int End) LongestRun(double[] profile)
    {
        var cut = profile.Max() / 2;
        int bestStart = 0, bestEnd = 0, start = -1;
        for (var i = 0; i <= profile.Length; i++)
        {
            var on = i < profile.Length && profile[i] >= cut && profile[i] > 0;
            if (on && start < 0) start = i;
            if (on || start < 0) continue;
            if (i - start > bestEnd - bestStart) (bestStart, bestEnd) = (start, i);
            start = -1;
        }
        return (bestStart, bestEnd);
    }
}
