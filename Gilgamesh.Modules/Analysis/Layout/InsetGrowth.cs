namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Grows the rectangle fitted to the live pixels out to the camera picture's own edges. A real camera is mostly
/// still (a person before a still room): only the person moves, so the live pixels are a blob inside the
/// picture, and cropping to them would cut out a head rather than the inset. What marks the picture's extent
/// is that it persistently differs from the slide's background: every row and column of the picture is mostly
/// unlike the background (wall, furniture, its border), while beyond its edges lie the slide's background and
/// sparse text. So each side moves outward while the line just beyond it is, over the rectangle's span, at
/// least three quarters "unlike the background"; a line of slide text is sparser than that.
/// </summary>
internal static class InsetGrowth
{
    /// <summary>Luma distance from the slide's background colour that counts as "unlike it" (compression noise is a few levels).</summary>
    private const int BackgroundDistance = 10;

    /// <summary>Share of a line that must be unlike the background for the picture to continue there (a row of antialiased slide text reaches about half).</summary>
    private const double LineShare = 0.75;

    public static NormalizedRect Grow(NormalizedRect seed, byte[] luma, int width, int height)
    {
        var background = BackgroundLuma(luma);
        var unlike = new bool[luma.Length];
        // Luma alone: the live mask is smoothed over 5x5 pixels and so reaches 2 pixels past the picture's edge.
        for (var i = 0; i < luma.Length; i++) unlike[i] = Math.Abs(luma[i] - background) > BackgroundDistance;

        int x0 = (int)Math.Round(seed.X * width), x1 = (int)Math.Round(seed.Right * width);
        int y0 = (int)Math.Round(seed.Y * height), y1 = (int)Math.Round(seed.Bottom * height);
        if (x1 <= x0 || y1 <= y0) return seed;
        for (var grown = true; grown;)
        {
            grown = false;
            if (x0 > 0 && ColumnShare(unlike, width, x0 - 1, y0, y1) >= LineShare) { x0--; grown = true; }
            if (x1 < width && ColumnShare(unlike, width, x1, y0, y1) >= LineShare) { x1++; grown = true; }
            if (y0 > 0 && RowShare(unlike, width, y0 - 1, x0, x1) >= LineShare) { y0--; grown = true; }
            if (y1 < height && RowShare(unlike, width, y1, x0, x1) >= LineShare) { y1++; grown = true; }
        }
        return new NormalizedRect((double)x0 / width, (double)y0 / height, (double)(x1 - x0) / width, (double)(y1 - y0) / height);
    }

    /// <summary>The most common luma of the frame: the slide's background wherever the slide is most of the picture.</summary>
    private static int BackgroundLuma(byte[] luma)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var v in luma) histogram[v]++;
        var best = 0;
        // Neighbouring levels together: a gradient or compressed flat area spreads over a few levels.
        var bestCount = 0;
        for (var v = 0; v < 256; v++)
        {
            var count = 0;
            for (var d = Math.Max(0, v - 2); d <= Math.Min(255, v + 2); d++) count += histogram[d];
            if (count > bestCount) (best, bestCount) = (v, count);
        }
        return best;
    }

    private static double ColumnShare(bool[] mask, int width, int x, int y0, int y1)
    {
        var on = 0;
        for (var y = y0; y < y1; y++) if (mask[y * width + x]) on++;
        return (double)on / (y1 - y0);
    }

    private static double RowShare(bool[] mask, int width, int y, int x0, int x1)
    {
        var on = 0;
        for (var x = x0; x < x1; x++) if (mask[y * width + x]) on++;
        return (double)on / (x1 - x0);
    }
}
