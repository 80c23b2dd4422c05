namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>An output frame size. The three the platform publishes are named; any even size works.</summary>
internal readonly record struct Canvas
{
    public Canvas(int width, int height)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"a canvas needs an even, positive size, not {width}x{height}");
        }

        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>16:9, 1920×1080.</summary>
    public static Canvas Landscape => new(1920, 1080);

    /// <summary>9:16, 1080×1920 (shorts, reels).</summary>
    public static Canvas Portrait => new(1080, 1920);

    /// <summary>1:1, 1080×1080.</summary>
    public static Canvas Square => new(1080, 1080);
}
