namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>Everything a timeline export writes: the source, the clips in reel order, the captions and the chapters (start, title).</summary>
internal sealed record Reel(string Title, ReelSource Source, IReadOnlyList<ReelClip> Clips, IReadOnlyList<ReelCaption> Captions,
    IReadOnlyList<(double Start, string Title)> Chapters)
{
    /// <summary>Where each clip starts on the reel, in frames: the sum of the frame lengths before it.</summary>
    public IReadOnlyList<long> RecordStarts()
    {
        var starts = new List<long>(Clips.Count);
        long position = 0;
        foreach (var clip in Clips)
        {
            starts.Add(position);
            position += Source.Frame(clip.End) - Source.Frame(clip.Start);
        }
        return starts;
    }

    public long DurationFrames => Clips.Sum(c => Source.Frame(c.End) - Source.Frame(c.Start));

    /// <summary>The chapter a clip belongs to is the last one starting at or before the clip.</summary>
    public string? ChapterAt(double time) => Chapters.Where(c => c.Start <= time).Select(c => c.Title).LastOrDefault();
}
