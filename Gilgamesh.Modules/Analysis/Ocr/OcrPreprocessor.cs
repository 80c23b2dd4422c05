namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Turns a grayscale frame into the black-on-white bitmap tesseract reads best: inverts light-on-dark
/// frames, computes Sauvola thresholds at source resolution, then upscales gray and thresholds together
/// (bilinear) and compares. Thresholding after interpolation keeps the anti-aliased glyph edges smooth
/// instead of blowing up staircase pixels, and keeps the integral images at source size.
/// </summary>
internal static class OcrPreprocessor
{
    private const double SauvolaK = 0.2;

    public static GrayImage Prepare(GrayImage frame, int scale)
    {
        var gray = HasDarkBackground(frame) ? Invert(frame) : frame;
        // About one text line tall at 720p: large enough to see background around 48 px glyph strokes.
        var window = Math.Max(15, (gray.Height / 24) | 1);
        var thresholds = SauvolaThreshold.Compute(gray, window, SauvolaK);
        return UpscaleAndBinarize(gray, thresholds, Math.Max(1, scale));
    }

    /// <summary>The median luma decides: slides are mostly background, so its brightness wins the vote.</summary>
    public static bool HasDarkBackground(GrayImage image)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var v in image.Pixels) histogram[v]++;
        var half = image.Pixels.Length / 2;
        var seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += histogram[v];
            if (seen > half) return v < 128;
        }
        return false;
    }

    private static GrayImage Invert(GrayImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(255 - image.Pixels[i]);
        return image with { Pixels = pixels };
    }

    private static GrayImage UpscaleAndBinarize(GrayImage gray, byte[] thresholds, int scale)
    {
        int w = gray.Width, h = gray.Height, outW = w * scale, outH = h * scale;
        var output = new byte[outW * outH];
        for (var oy = 0; oy < outH; oy++)
        {
            var sy = Math.Clamp((oy + 0.5) / scale - 0.5, 0, h - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(h - 1, y0 + 1);
            var fy = sy - y0;
            for (var ox = 0; ox < outW; ox++)
            {
                var sx = Math.Clamp((ox + 0.5) / scale - 0.5, 0, w - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(w - 1, x0 + 1);
                var fx = sx - x0;
                var value = Bilinear(gray.Pixels, w, x0, x1, y0, y1, fx, fy);
                var threshold = Bilinear(thresholds, w, x0, x1, y0, y1, fx, fy);
                output[oy * outW + ox] = value > threshold ? (byte)255 : (byte)0;
            }
        }
        return new GrayImage(outW, outH, output);
    }

    private static double Bilinear(byte[] p, int w, int x0, int x1, int y0, int y1, double fx, double fy)
    {
        var top = p[y0 * w + x0] + (p[y0 * w + x1] - p[y0 * w + x0]) * fx;
        var bottom = p[y1 * w + x0] + (p[y1 * w + x1] - p[y1 * w + x0]) * fx;
        return top + (bottom - top) * fy;
    }
}
