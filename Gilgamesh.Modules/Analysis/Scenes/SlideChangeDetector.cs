namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Slide changes in screen recordings: a histogram or mean delta hardly moves when one text line of a
/// slide changes, but the number of gray pixels that change by more than <c>pixelDelta</c> levels does
/// (codec noise on static screen content stays well below 32 levels). Score is the changed share in %.
/// The previous frame is a copy, so the decoder may reuse its buffer.
/// </summary>
internal sealed class SlideChangeDetector(int pixelCount, double thresholdPercent, int pixelDelta, int minSceneFrames) : IFrameCutDetector
{
    private readonly byte[] _previous = new byte[pixelCount];
    private int _lastCut;

    public void Add(int index, ReadOnlySpan<byte> gray, List<FrameCut> cuts)
    {
        var percent = index == 0 ? 0 : 100.0 * ChangedPixels.Count(gray, _previous, pixelDelta) / pixelCount;
        gray.CopyTo(_previous);
        if (index == 0 || percent < thresholdPercent || index - _lastCut < minSceneFrames)
        {
            return;
        }

        _lastCut = index;
        cuts.Add(new FrameCut(index, percent, "hard"));
    }

    public void Complete(List<FrameCut> cuts)
    {
        // Every decision is made on the frame itself.
    }
}
