namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Which frames to decode: <paramref name="Fps"/> frames per second of media time, scaled to
/// <paramref name="Width"/>x<paramref name="Height"/>. One side null keeps the aspect ratio (other side
/// rounded to an even number); both null keeps the displayed source size.
/// </summary>
internal sealed record FrameRequest(double Fps, int? Width = null, int? Height = null, FramePixelFormat PixelFormat = FramePixelFormat.Rgb24)
{
    public FrameFidelity Fidelity { get; init; } = FrameFidelity.Exact;

    /// <summary>
    /// Every yielded frame shares one pixel array, overwritten by the next frame. For consumers that are
    /// done with a frame (or copied what they keep) before asking for the next: a 720p gray frame is a
    /// 900 KB large-object allocation otherwise, several per second.
    /// </summary>
    public bool ReuseBuffer { get; init; }

    /// <summary>
    /// Start decoding here (an input seek: ffmpeg decodes from the keyframe before it and drops the frames
    /// before it, so the first frame is exact). Null: from the start.
    /// </summary>
    public double? StartSeconds { get; init; }

    /// <summary>Stop after this many frames. Null: to the end.</summary>
    public int? FrameLimit { get; init; }

    /// <summary>
    /// Decoder threads. Null: ffmpeg's choice (frame threads, one per core and one more). One per process
    /// when the caller runs a decoder per core on different parts of the file: frame threading costs about
    /// 15% more CPU for the same frames (measured on 720p H.264).
    /// </summary>
    public int? DecoderThreads { get; init; }

    public int BytesPerPixel => PixelFormat == FramePixelFormat.Gray8 ? 1 : 3;

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

        if (StartSeconds is { } start && (!double.IsFinite(start) || start < 0) || FrameLimit is < 0 || DecoderThreads is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StartSeconds), "start, frame limit and threads must be non-negative (threads positive)");
        }
    }

    private static int Even(double size) => Math.Max(2, (int)Math.Round(size / 2, MidpointRounding.AwayFromZero) * 2);
}
