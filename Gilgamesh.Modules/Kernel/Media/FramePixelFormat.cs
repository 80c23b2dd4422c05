namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Pixel layout of decoded frames. Named apart from FFMpegCore's <c>PixelFormat</c> so both can be imported.</summary>
internal enum FramePixelFormat
{
    /// <summary>3 bytes per pixel, R G B, rows top to bottom, no padding.</summary>
    Rgb24,

    /// <summary>1 byte per pixel (luma), rows top to bottom, no padding.</summary>
    Gray8,

    /// <summary>
    /// Planar RGB in ffmpeg's <c>gbrp</c> order: the whole G plane, then B, then R, each one byte per pixel,
    /// rows top to bottom. Planes let per-pixel math run on contiguous vectors.
    /// </summary>
    Gbrp,
}
