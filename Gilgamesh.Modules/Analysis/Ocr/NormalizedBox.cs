namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A box as fractions of the frame size (0..1), so it survives rescaling of the video.</summary>
internal sealed record NormalizedBox(double X, double Y, double Width, double Height);
