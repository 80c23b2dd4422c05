namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>A caption line on the original's time line (a sentence, or part of one).</summary>
internal sealed record ReelCaption(double Start, double End, string Text);
