namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Which frames to decode: <paramref name="Fps"/> frames per second of media time, scaled to
/// <paramref name="Width"/>x<paramref name="Height"/>. One side null keeps the aspect ratio (other side
/// rounded to an even number); both null keeps the displayed source size.
/// </summary>
internal sealed record FrameRequest(double Fps, int? Width = null, int? Height = null, FramePixelFormat PixelFormat = FramePixelFormat.Rgb24)
{
    public int BytesPerPixel => PixelFormat == FramePixelFormat.Rgb24 ? 3 : 1;

    /// <summary>Output size for a source of <paramref name="sourceWidth"/>x<paramref name="sourceHeight"/> as displayed (after rotation).</summary>
    public (int Width, int Height) ResolveSize(int sourceWidth, int sourceHeight) => (Width, Height) switch
    {
        ({ } w, { } h) => (w, h),
        ({ } w, null) => (w, Even((double)w * sourceHeight / sourceWidth)),
        (null, { } h) => (Even((double)h * sourceWidth / sourceHeight), h),
        _ => (sourceWidth, sourceHeight),
    };

    public void Validate()
    {
        if (!double.IsFinite(Fps) || Fps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "fps must be positive");
        }

        if (Width is <= 0 || Height is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), "frame size must be positive");
        }
    }

    private static int Even(double size) => Math.Max(2, (int)Math.Round(size / 2, MidpointRounding.AwayFromZero) * 2);
}
