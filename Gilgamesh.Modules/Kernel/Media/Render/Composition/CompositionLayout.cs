namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>How regions of the source fill the canvas.</summary>
internal abstract record CompositionLayout;

/// <summary>
/// One region above another, each scaled to fit its panel (full canvas width; <paramref name="TopShare"/> of
/// the height goes to the top one) and centred on black: a slide above the speaker's camera.
/// </summary>
internal sealed record StackedLayout(Region Top, Region Bottom, double TopShare = 0.5) : CompositionLayout;

/// <summary>One region scaled to fit the canvas, the rest filled with black bars or a blurred, enlarged copy of the region.</summary>
internal sealed record SingleRegionLayout(Region Region, BackgroundFill Fill = BackgroundFill.Letterbox) : CompositionLayout;

/// <summary>
/// A window of fixed size moving over the source along keyframed positions (linear between keyframes, held
/// before the first and after the last), scaled to the canvas. The caller smooths the path; the kit renders it
/// exactly (sub-pixel positions are not rounded per frame into jitter: <c>crop</c> runs with <c>exact=1</c>).
/// </summary>
internal sealed record MovingCropLayout(IReadOnlyList<CropKeyframe> Path) : CompositionLayout;

/// <summary>The crop window at <paramref name="Time"/> (seconds from the start of the rendered span).</summary>
internal sealed record CropKeyframe(MediaTime Time, Region Window);

internal enum BackgroundFill
{
    Letterbox,
    Blur,
}
