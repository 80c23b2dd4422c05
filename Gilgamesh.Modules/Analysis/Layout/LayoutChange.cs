namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>The moment the layout switches from one class to another (seconds, ms precision).</summary>
internal sealed record LayoutChange(double Time, string From, string To);
