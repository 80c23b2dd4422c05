namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// The sentence ends a clip may start or stop at: those that fall in a silence. With measured word times the
/// gap is the silence clipped to the space between the two words; with approximate ones (spread over a
/// caption cue) the silence itself, as long as it lies within <c>approximateTolerance</c> of the sentence end.
/// With no audio at all (<c>silences</c> null) the space between the words is trusted as it is.
/// </summary>
internal static class SentenceGaps
{
    public static IReadOnlyDictionary<int, SentenceGap> Find(IReadOnlyList<LectureSentence> sentences, IReadOnlyList<TimeInterval>? silences,
        double durationSeconds, double minPauseSeconds = 0.12, double approximateTolerance = 0.6)
    {
        var gaps = new Dictionary<int, SentenceGap>();
        if (sentences.Count == 0) return gaps;
        for (var before = -1; before < sentences.Count; before++)
        {
            var lastEnd = before >= 0 ? sentences[before].End : 0;
            var nextStart = before + 1 < sentences.Count ? sentences[before + 1].Start : durationSeconds;
            var approximate = (before >= 0 && sentences[before].WordsApproximate) || (before + 1 < sentences.Count && sentences[before + 1].WordsApproximate);
            var edge = before < 0 || before + 1 >= sentences.Count;
            var gap = Gap(before, lastEnd, nextStart, approximate, edge, silences, minPauseSeconds, approximateTolerance);
            if (gap is not null) gaps[before] = gap;
        }
        return gaps;
    }

    private static SentenceGap? Gap(int before, double lastEnd, double nextStart, bool approximate, bool edge, IReadOnlyList<TimeInterval>? silences,
        double minPause, double tolerance)
    {
        if (silences is null)
            return nextStart >= lastEnd ? new SentenceGap(before, lastEnd, nextStart) : null;

        var slack = approximate ? tolerance : 0;
        var best = silences.Where(s => s.End >= lastEnd - slack && s.Start <= nextStart + slack)
            .Select(s => approximate ? s : new TimeInterval(Math.Max(s.Start, lastEnd), Math.Min(s.End, nextStart)))
            .Where(s => s.Duration > 0)
            .OrderByDescending(s => s.Duration).ThenBy(s => s.Start)
            .FirstOrDefault();
        if (best.Duration >= minPause) return new SentenceGap(before, best.Start, best.End);
        // The very start or end of the media is a clean cut even without a measured pause.
        if (edge && nextStart >= lastEnd) return new SentenceGap(before, lastEnd, nextStart);
        return null;
    }
}
