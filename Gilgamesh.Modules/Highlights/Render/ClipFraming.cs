using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Kernel.Media.Render.Composition;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>How a clip fills a 9:16 or 1:1 frame, and why (for the log).</summary>
internal abstract record Framing(string Why);

/// <summary>Slide above camera (picture-in-picture or side by side).</summary>
internal sealed record StackedFraming(Region Slide, Region Camera, double TopShare, string Why) : Framing(Why);

/// <summary>One region (the slide, or the whole frame) fitted, the rest a blurred copy.</summary>
internal sealed record FittedFraming(Region Region, string Why) : Framing(Why);

/// <summary>Camera only: a window of <paramref name="Width"/>×<paramref name="Height"/> that follows the speaker.</summary>
internal sealed record FollowFraming(int Width, int Height, string Why) : Framing(Why);

/// <summary>
/// Chooses the framing of a clip from the layout stretch that covers most of it (pure): slide and camera → stacked,
/// slide on top; slides only → the slide fitted over a blurred fill (letterboxed look, nothing cropped off the slide);
/// camera only → a moving crop of the canvas's aspect; unknown → the whole frame fitted over a blurred fill.
/// </summary>
internal static class ClipFraming
{
    public static Framing Choose(IReadOnlyList<LayoutSegment> segments, double start, double end, int sourceWidth, int sourceHeight, Canvas canvas)
    {
        var whole = new Region(0, 0, sourceWidth, sourceHeight);
        var segment = segments
            .Select(s => (Segment: s, Overlap: Math.Min(end, s.End) - Math.Max(start, s.Start)))
            .Where(s => s.Overlap > 0)
            .OrderByDescending(s => s.Overlap)
            .Select(s => s.Segment)
            .FirstOrDefault();
        switch (segment)
        {
            case { Layout: LayoutKinds.PictureInPicture or LayoutKinds.SideBySide, Slide: { } slide, Camera: { } camera }:
                var topShare = canvas.Height > canvas.Width ? 0.5 : 0.6;
                return new StackedFraming(ToRegion(slide, sourceWidth, sourceHeight), ToRegion(camera, sourceWidth, sourceHeight), topShare,
                    $"{segment.Layout}: slide above camera");
            case { Layout: LayoutKinds.SlidesOnly }:
                return new FittedFraming(segment.Slide is { } only ? ToRegion(only, sourceWidth, sourceHeight) : whole, "slides only: slide fitted, blurred fill");
            case { Layout: LayoutKinds.CameraOnly }:
                var height = sourceHeight / 2 * 2;
                var width = Math.Min(sourceWidth, (int)Math.Round(height * (double)canvas.Width / canvas.Height)) / 2 * 2;
                return new FollowFraming(width, height, "camera only: a crop following the speaker");
            default:
                return new FittedFraming(whole, $"layout {segment?.Layout ?? "unknown"}: whole frame fitted, blurred fill");
        }
    }

    /// <summary>A normalised region in source pixels, inside the frame, with an even size (chroma-friendly crops).</summary>
    public static Region ToRegion(LayoutRegion region, int sourceWidth, int sourceHeight)
    {
        var x = Math.Clamp((int)Math.Round(region.X * sourceWidth), 0, sourceWidth - 2);
        var y = Math.Clamp((int)Math.Round(region.Y * sourceHeight), 0, sourceHeight - 2);
        var width = Math.Clamp((int)Math.Round(region.Width * sourceWidth), 2, sourceWidth - x) / 2 * 2;
        var height = Math.Clamp((int)Math.Round(region.Height * sourceHeight), 2, sourceHeight - y) / 2 * 2;
        return new Region(x, y, Math.Max(2, width), Math.Max(2, height));
    }
}
