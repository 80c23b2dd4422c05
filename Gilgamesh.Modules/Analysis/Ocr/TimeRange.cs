namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A span of media time in seconds (ms precision).</summary>
internal sealed record TimeRange(double Start, double End);
