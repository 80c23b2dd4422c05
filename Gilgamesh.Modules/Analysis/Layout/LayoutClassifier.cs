namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Classifies one window from its live mask (where the picture keeps changing: a camera) and its last
/// frame's edges (text and drawings: a slide). The camera rectangle C is the one fitted to the live pixels,
/// grown to the camera picture's own edges (<see cref="InsetGrowth"/>). Rules, on C:
/// almost nothing live → slides only; C covers ≥ 80% → camera only; C spans the height at the left or
/// right edge → side by side (slide = the other columns); otherwise picture-in-picture, corner from C's centre
/// (the slide is the full frame under the inset).
/// </summary>
internal static class LayoutClassifier
{
    private const double MinLiveFraction = 0.01;
    private const int EdgeStrength = 48;
    private const int FlatStrength = 8;

    /// <summary>Share of edge pixels at which a region surely carries text (a text slide at 320x180 has 3–8%).</summary>
    private const double TextEdgeDensity = 0.02;

    public static LayoutObservation Classify(double start, double end, bool[] mask, byte[] luma, int width, int height)
    {
        var live = mask.Count(m => m);
        var liveFraction = (double)live / mask.Length;
        var staticBackground = StaticFlatFraction(mask, luma, width, height);

        if (liveFraction < MinLiveFraction)
        {
            var slideConfidence = EdgeConfidence(luma, width, height, NormalizedRect.FullFrame);
            return new LayoutObservation(start, end, LayoutKinds.SlidesOnly, null, Math.Round(1 - liveFraction / MinLiveFraction * 0.5, 3),
                NormalizedRect.FullFrame, slideConfidence, null, 0, staticBackground);
        }

        var (camera, purity, fill) = LiveRectangleFit.Fit(mask, width, height);
        // The live pixels of a mostly still camera are a blob inside its picture: grow to the picture's edges.
        camera = InsetGrowth.Grow(camera, luma, width, height);
        var cameraConfidence = purity * fill;
        if (camera.Area >= 0.8)
        {
            return new LayoutObservation(start, end, LayoutKinds.CameraOnly, null, cameraConfidence, null, 0, camera, cameraConfidence, staticBackground);
        }

        const double edge = 0.03;
        if (camera.Height >= 0.8 && (camera.X <= edge || camera.Right >= 1 - edge))
        {
            var cameraOnLeft = camera.X <= edge && camera.Right < 1 - edge;
            camera = cameraOnLeft ? camera with { X = 0, Width = camera.Right } : camera with { Width = 1 - camera.X };
            var slide = cameraOnLeft ? new NormalizedRect(camera.Right, 0, 1 - camera.Right, 1) : new NormalizedRect(0, 0, camera.X, 1);
            return new LayoutObservation(start, end, LayoutKinds.SideBySide, cameraOnLeft ? "left" : "right", cameraConfidence,
                slide, EdgeConfidence(luma, width, height, slide), camera, cameraConfidence, staticBackground);
        }

        var corner = (camera.Y + camera.Height / 2 < 0.5 ? "top" : "bottom") + "-" + (camera.X + camera.Width / 2 < 0.5 ? "left" : "right");
        return new LayoutObservation(start, end, LayoutKinds.PictureInPicture, corner, cameraConfidence,
            NormalizedRect.FullFrame, EdgeConfidence(luma, width, height, NormalizedRect.FullFrame), camera, cameraConfidence, staticBackground);
    }

    private static int Gradient(byte[] luma, int width, int x, int y) =>
        Math.Abs(luma[y * width + x + 1] - luma[y * width + x]) + Math.Abs(luma[(y + 1) * width + x] - luma[y * width + x]);

    private static double EdgeConfidence(byte[] luma, int width, int height, NormalizedRect region)
    {
        int x0 = (int)(region.X * width), x1 = Math.Min(width - 1, (int)(region.Right * width));
        int y0 = (int)(region.Y * height), y1 = Math.Min(height - 1, (int)(region.Bottom * height));
        long edges = 0, count = 0;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++, count++)
        {
            if (Gradient(luma, width, x, y) >= EdgeStrength) edges++;
        }
        return count == 0 ? 0 : Math.Min(1, (double)edges / count / TextEdgeDensity);
    }

    private static double StaticFlatFraction(bool[] mask, byte[] luma, int width, int height)
    {
        long flat = 0;
        for (var y = 0; y < height - 1; y++)
        for (var x = 0; x < width - 1; x++)
        {
            if (!mask[y * width + x] && Gradient(luma, width, x, y) < FlatStrength) flat++;
        }
        return Math.Round((double)flat / mask.Length, 3);
    }
}
