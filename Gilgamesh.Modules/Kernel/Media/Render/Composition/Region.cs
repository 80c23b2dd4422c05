namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>A rectangle of the source frame in source pixels (top-left origin).</summary>
internal readonly record struct Region
{
    public Region(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"a region needs a non-negative origin and positive size, not {x},{y} {width}x{height}");
        }

        (X, Y, Width, Height) = (x, y, width, height);
    }

    public int X { get; }
    public int Y { get; }
    public int Width { get; }
    public int Height { get; }

    public double CentreX => X + Width / 2.0;
    public double CentreY => Y + Height / 2.0;
}
