namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>One word from tesseract's TSV, box already mapped back to source pixels; ids say which line it belongs to.</summary>
internal sealed record OcrWord(int Block, int Paragraph, int Line, PixelBox Box, double Confidence, string Text);
