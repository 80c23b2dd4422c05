namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Slide changes inside edited video (mixed mode), from the content detector's small frames: a "step" is
/// a frame where at least <c>thresholdPercent</c> % of the pixels moved by more than <c>pixelDelta</c>
/// value levels (one changed text line of a 720p slide is about 0.5% of a 160×90 frame, while the content
/// score stays under 1). Camera footage steps all the time and a ticking clock or counter once a second,
/// so a step only counts as a slide change when no other step lies within <c>stillFrames</c> on either
/// side: a change between two still stretches. A frame the content detector scores as a hard cut is a
/// step but never a slide change. The decision waits <c>stillFrames</c>.
/// </summary>
internal sealed class SlideStepDetector(int pixelCount, double thresholdPercent, double hardCutScore, int pixelDelta, int stillFrames)
{
    public const string Kind = "slide";

    private int _lastStep = int.MinValue / 2;
    private (int Frame, double Percent)? _pending;

    /// <summary>Frame <paramref name="index"/> with its V plane, the previous frame's, and the content score between them.</summary>
    public void Add(int index, ReadOnlySpan<byte> previousValue, ReadOnlySpan<byte> currentValue, double contentScore, List<FrameCut> cuts)
    {
        var percent = 100.0 * ChangedPixels.Count(previousValue, currentValue, pixelDelta) / pixelCount;
        if (percent >= thresholdPercent)
        {
            if (_pending is { } p && index - p.Frame <= stillFrames)
            {
                _pending = null; // not still after it
            }

            if (index - _lastStep > stillFrames && contentScore < hardCutScore)
            {
                _pending = (index, percent);
            }

            _lastStep = index;
        }

        if (_pending is { } still && index - still.Frame >= stillFrames)
        {
            Accept(cuts);
        }
    }

    /// <summary>End of stream: the frames after a pending step were still until the end.</summary>
    public void Complete(List<FrameCut> cuts) => Accept(cuts);

    private void Accept(List<FrameCut> cuts)
    {
        if (_pending is { } p)
        {
            cuts.Add(new FrameCut(p.Frame, p.Percent, Kind));
            _pending = null;
        }
    }
}
