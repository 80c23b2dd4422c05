namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>The layout seen in one analysis window.</summary>
internal sealed record LayoutObservation(double Start, double End, string Layout, string? Corner, double Confidence,
    NormalizedRect? Slide, double SlideConfidence, NormalizedRect? Camera, double CameraConfidence, double StaticBackground);
