namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// One clip of the reel as the exports see it: its span of the original (seconds), title, chapter, score and
/// reasons, and the centre of its 9:16 crop as a fraction of the source width (0.5: the middle).
/// </summary>
internal sealed record ReelClip(int Number, double Start, double End, string Title, string Chapter, double Score, IReadOnlyList<string> Reasons,
    double CropCenterX = 0.5)
{
    public double Duration => End - Start;
}
