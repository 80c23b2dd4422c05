namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Sauvola's local threshold T = m·(1 + k·(s/R − 1)) over a square window, from integral images of the
/// sum and the sum of squares so the cost per pixel does not grow with the window. A local threshold
/// copes with slides whose background is a gradient or has a darker title bar, where one global cut fails.
/// </summary>
internal static class SauvolaThreshold
{
    private const double DynamicRange = 128;

    public static byte[] Compute(GrayImage image, int window, double k)
    {
        int w = image.Width, h = image.Height, stride = w + 1;
        var sum = new long[stride * (h + 1)];
        var squares = new long[stride * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            long rowSum = 0, rowSquares = 0;
            for (var x = 0; x < w; x++)
            {
                int v = image.Pixels[y * w + x];
                rowSum += v;
                rowSquares += v * v;
                sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + rowSum;
                squares[(y + 1) * stride + x + 1] = squares[y * stride + x + 1] + rowSquares;
            }
        }

        var half = window / 2;
        var thresholds = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            int y0 = Math.Max(0, y - half), y1 = Math.Min(h, y + half + 1);
            for (var x = 0; x < w; x++)
            {
                int x0 = Math.Max(0, x - half), x1 = Math.Min(w, x + half + 1);
                double n = (x1 - x0) * (y1 - y0);
                double s = sum[y1 * stride + x1] - sum[y0 * stride + x1] - sum[y1 * stride + x0] + sum[y0 * stride + x0];
                double q = squares[y1 * stride + x1] - squares[y0 * stride + x1] - squares[y1 * stride + x0] + squares[y0 * stride + x0];
                var mean = s / n;
                var deviation = Math.Sqrt(Math.Max(0, q / n - mean * mean));
                thresholds[y * w + x] = (byte)Math.Clamp(mean * (1 + k * (deviation / DynamicRange - 1)), 0, 255);
            }
        }
        return thresholds;
    }
}
