namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Mixed mode: edited video that also contains slides or screen recordings. One decode feeds both the
/// content detector (hard and gradual cuts) and, on the same small frames' V planes, the slide step
/// detector. A slide change closer than the minimum scene length to a content cut is the same event
/// seen twice (or a flicker next to it) and is dropped.
/// </summary>
internal sealed class MixedCutDetector(ContentCutDetector content, SlideStepDetector slides, int minSceneFrames) : IFrameCutDetector
{
    private readonly List<FrameCut> _slideChanges = [];

    public void Add(int index, ReadOnlySpan<byte> pixels, List<FrameCut> cuts)
    {
        content.Add(index, pixels, cuts);
        if (content.Previous is { } previous)
        {
            slides.Add(index, previous.V, content.Current.V, content.LastScore, _slideChanges);
        }
    }

    public void Complete(List<FrameCut> cuts)
    {
        content.Complete(cuts);
        slides.Complete(_slideChanges);
        var contentCuts = cuts.Select(c => c.Frame).ToList();
        cuts.AddRange(_slideChanges.Where(s => contentCuts.All(c => Math.Abs(c - s.Frame) >= minSceneFrames)));
    }
}
