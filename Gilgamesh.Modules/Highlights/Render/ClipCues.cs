using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>
/// A clip's subtitle cues (pure): the words inside <c>[start, end)</c> of the original, on the clip's own time line,
/// grouped into short lines (at most <see cref="MaxCharacters"/> characters, never across a sentence) so a line
/// fits a 9:16 frame without reflowing. Measured word times go with the cue (word highlight); words whose times
/// were spread over a caption cue (approximate) give the line's span only.
/// </summary>
internal static class ClipCues
{
    public const int MaxCharacters = 24;

    public static IReadOnlyList<SubtitleCue> For(IReadOnlyList<StoredWord> words, double start, double end)
    {
        var inside = words.Where(w => w.StartS >= start - 0.05 && w.EndS <= end + 0.05 && w.Text.Trim().Length > 0).ToList();
        var cues = new List<SubtitleCue>();
        var line = new List<StoredWord>();
        foreach (var word in inside)
        {
            var length = line.Sum(w => w.Text.Trim().Length + 1) + word.Text.Trim().Length;
            if (line.Count > 0 && (length > MaxCharacters || word.SegmentIndex != line[0].SegmentIndex))
            {
                cues.Add(Cue(line, start, end));
                line.Clear();
            }
            line.Add(word);
        }
        if (line.Count > 0) cues.Add(Cue(line, start, end));
        return cues.Where(c => c.End.Milliseconds > c.Start.Milliseconds).ToList();
    }

    private static SubtitleCue Cue(List<StoredWord> line, double start, double end)
    {
        MediaTime At(double t) => MediaTime.FromSeconds(Math.Clamp(t, start, end) - start);
        var text = string.Join(' ', line.Select(w => w.Text.Trim()));
        var words = line.Any(w => w.Approximate) ? null : line.Select(w => new SubtitleWord(At(w.StartS), At(w.EndS), w.Text.Trim())).ToList();
        return new SubtitleCue(At(line[0].StartS), At(line[^1].EndS), text, words);
    }
}
