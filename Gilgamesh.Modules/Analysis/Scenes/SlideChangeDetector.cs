namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Slide changes in screen recordings: a histogram or mean delta hardly moves when one text line of a
/// slide changes, but the number of gray pixels that change by more than <c>pixelDelta</c> levels does
/// (codec noise on static screen content stays well below 32 levels). Score is the changed share in %.
/// </summary>
internal sealed class SlideChangeDetector(int pixelCount, double thresholdPercent, int pixelDelta, int minSceneFrames)
{
    private byte[] _previous = new byte[pixelCount];
    private int _lastCut;

    public IEnumerable<FrameCut> Add(int index, byte[] gray)
    {
        var previous = _previous;
        _previous = gray;
        if (index == 0)
        {
            return [];
        }

        var changed = 0;
        for (var i = 0; i < gray.Length; i++)
        {
            if (Math.Abs(gray[i] - previous[i]) > pixelDelta)
            {
                changed++;
            }
        }

        var percent = 100.0 * changed / gray.Length;
        if (percent < thresholdPercent || index - _lastCut < minSceneFrames)
        {
            return [];
        }

        _lastCut = index;
        return [new FrameCut(index, percent, "hard")];
    }
}
