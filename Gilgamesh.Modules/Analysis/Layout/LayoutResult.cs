namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>What <c>analyze layout</c> prints. <see cref="Layout"/> is the class covering most of the time.</summary>
internal sealed record LayoutResult(double DurationSeconds, string Layout, IReadOnlyList<LayoutSegment> Segments, IReadOnlyList<LayoutChange> Changes);
