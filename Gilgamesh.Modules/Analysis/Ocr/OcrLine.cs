namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A line of text; confidence is the mean word confidence (0..100, tesseract's scale).</summary>
internal sealed record OcrLine(string Text, double Confidence, PixelBox Box, NormalizedBox NormalizedBox);
