namespace Gilgamesh.Modules.Highlights.EditClip;

/// <summary>
/// Moves a person's in/out point off any word (pure): a point inside a word goes to the pause before it (in point:
/// the word is kept) or after it (out point: the word is kept), <see cref="Padding"/> from the word but never past the
/// middle of the pause to its neighbour. A point already in a pause stays.
/// </summary>
internal static class WordSnap
{
    public const double Padding = 0.12;

    public static double In(IReadOnlyList<(double Start, double End)> words, double time)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var (start, end) = words[i];
            if (time <= start || time >= end) continue;
            var previousEnd = i > 0 ? words[i - 1].End : double.NegativeInfinity;
            return Math.Max(0, Math.Max(start - Padding, previousEnd + (start - previousEnd) / 2));
        }
        return time;
    }

    public static double Out(IReadOnlyList<(double Start, double End)> words, double time)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var (start, end) = words[i];
            if (time <= start || time >= end) continue;
            var nextStart = i + 1 < words.Count ? words[i + 1].Start : double.PositiveInfinity;
            return Math.Min(end + Padding, end + (nextStart - end) / 2);
        }
        return time;
    }
}
