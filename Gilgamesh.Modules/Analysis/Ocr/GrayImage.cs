namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>An 8-bit grayscale image, rows top to bottom without padding (the kernel's Gray8 frame layout).</summary>
internal sealed record GrayImage(int Width, int Height, byte[] Pixels);
