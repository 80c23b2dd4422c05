namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>The text read from one image or one sampled video frame. No text → empty <see cref="Blocks"/>.</summary>
internal sealed record OcrFrame(double Time, string Text, IReadOnlyList<OcrBlock> Blocks);
