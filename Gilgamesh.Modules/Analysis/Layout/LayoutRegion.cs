namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>A detected region in normalised coordinates with the detector's confidence (0..1).</summary>
internal sealed record LayoutRegion(double X, double Y, double Width, double Height, double Confidence)
{
    public static LayoutRegion From(NormalizedRect r, double confidence) =>
        new(Math.Round(r.X, 4), Math.Round(r.Y, 4), Math.Round(r.Width, 4), Math.Round(r.Height, 4), Math.Round(Math.Clamp(confidence, 0, 1), 3));

    public NormalizedRect ToRect() => new(X, Y, Width, Height);
}
