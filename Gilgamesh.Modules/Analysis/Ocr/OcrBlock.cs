namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A block (tesseract's layout unit: a column or a separated group of lines).</summary>
internal sealed record OcrBlock(string Text, double Confidence, PixelBox Box, NormalizedBox NormalizedBox, IReadOnlyList<OcrLine> Lines);
