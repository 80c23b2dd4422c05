namespace Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;

/// <summary>Scores a gray frame for a thumbnail (pure): mean luma (black frames are skipped) and sharpness.</summary>
internal static class FrameScore
{
    /// <summary>Below this mean luma (0–255) a frame counts as black: fades, slates.</summary>
    public const double BlackBelow = 24;

    /// <summary>Mean luma of the frame.</summary>
    public static double MeanLuma(ReadOnlySpan<byte> gray)
    {
        long sum = 0;
        foreach (var value in gray)
        {
            sum += value;
        }

        return gray.Length == 0 ? 0 : (double)sum / gray.Length;
    }

    /// <summary>Variance of the 4-neighbour Laplacian: high for crisp edges, low for blur and flat frames.</summary>
    public static double Sharpness(ReadOnlySpan<byte> gray, int width, int height)
    {
        double sum = 0, sumSquares = 0;
        var count = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                double laplacian = gray[i - 1] + gray[i + 1] + gray[i - width] + gray[i + width] - 4 * gray[i];
                sum += laplacian;
                sumSquares += laplacian * laplacian;
                count++;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        var mean = sum / count;
        return sumSquares / count - mean * mean;
    }
}
