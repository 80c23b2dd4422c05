namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A box in source-frame pixels (not the upscaled image tesseract saw).</summary>
internal sealed record PixelBox(int Left, int Top, int Width, int Height)
{
    public static PixelBox Union(IEnumerable<PixelBox> boxes)
    {
        int left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue;
        foreach (var b in boxes)
        {
            left = Math.Min(left, b.Left);
            top = Math.Min(top, b.Top);
            right = Math.Max(right, b.Left + b.Width);
            bottom = Math.Max(bottom, b.Top + b.Height);
        }
        return left == int.MaxValue ? new PixelBox(0, 0, 0, 0) : new PixelBox(left, top, right - left, bottom - top);
    }

    public NormalizedBox Normalize(int frameWidth, int frameHeight) => new(
        Math.Round((double)Left / frameWidth, 4), Math.Round((double)Top / frameHeight, 4),
        Math.Round((double)Width / frameWidth, 4), Math.Round((double)Height / frameHeight, 4));
}
