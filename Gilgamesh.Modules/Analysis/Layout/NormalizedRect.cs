namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>A rectangle as fractions of the frame (0..1).</summary>
internal readonly record struct NormalizedRect(double X, double Y, double Width, double Height)
{
    public static NormalizedRect FullFrame => new(0, 0, 1, 1);

    public double Area => Width * Height;

    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double IoU(NormalizedRect other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        var intersection = w > 0 && h > 0 ? w * h : 0;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
