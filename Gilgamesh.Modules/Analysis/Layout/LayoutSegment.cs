namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// A stretch of time with one layout. <see cref="Corner"/> is set for picture-in-picture (where the camera
/// inset sits) and for side-by-side (<c>left</c>/<c>right</c>: the camera's side). <see cref="StaticBackground"/>
/// is the fraction of the frame that neither moves nor carries edges (borders, empty slide area).
/// </summary>
internal sealed record LayoutSegment(double Start, double End, string Layout, string? Corner, double Confidence,
    LayoutRegion? Slide, LayoutRegion? Camera, double StaticBackground);
