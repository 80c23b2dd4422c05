using System.Globalization;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Chapters from slide changes and lexical cohesion. A slide change whose title differs from the one before
/// starts a chapter at the change time. A TextTiling boundary starts one too when it lies at least
/// <c>minChapterSeconds</c> from every other boundary (talks without slides, or long stretches on one
/// slide). Chapters shorter than the minimum merge into the one before (YouTube also needs ≥ 10 s).
/// </summary>
internal static class ChapterBuilder
{
    public static IReadOnlyList<Chapter> Build(IReadOnlyList<LectureSentence> sentences, IReadOnlyList<LectureSlide> slides, TermWeights weights,
        double durationSeconds, double minChapterSeconds = 10)
    {
        var starts = new List<(double Time, string Source)> { (0, "start") };
        string? previousTitle = null;
        foreach (var slide in slides.OrderBy(s => s.Start))
        {
            var title = LectureText.Normalize(slide.Title);
            if (previousTitle is not null && title != previousTitle && slide.Start > 0)
                starts.Add((slide.Start, "slide"));
            previousTitle = title;
        }

        foreach (var (sentence, _) in TopicSegmenter.Boundaries(sentences, weights).OrderByDescending(b => b.Depth).ThenBy(b => b.Sentence))
        {
            var time = (sentences[sentence - 1].End + sentences[sentence].Start) / 2;
            if (starts.All(s => Math.Abs(s.Time - time) >= minChapterSeconds)) starts.Add((time, "topic"));
        }

        starts.Sort((a, b) => a.Time.CompareTo(b.Time));
        var kept = new List<(double Time, string Source)>();
        foreach (var start in starts)
        {
            if (kept.Count > 0 && start.Time - kept[^1].Time < minChapterSeconds) continue;
            kept.Add(start);
        }
        while (kept.Count > 1 && durationSeconds - kept[^1].Time < minChapterSeconds) kept.RemoveAt(kept.Count - 1);

        var chapters = new List<Chapter>();
        for (var i = 0; i < kept.Count; i++)
        {
            var start = Math.Round(kept[i].Time, 3);
            var end = i + 1 < kept.Count ? Math.Round(kept[i + 1].Time, 3) : Math.Round(durationSeconds, 3);
            var (title, titleSource) = Title(start, end, sentences, slides, weights);
            chapters.Add(new Chapter(i, start, end, title, titleSource, kept[i].Source));
        }
        return chapters;
    }

    private static (string Title, string Source) Title(double start, double end, IReadOnlyList<LectureSentence> sentences, IReadOnlyList<LectureSlide> slides, TermWeights weights)
    {
        var slide = slides.Where(s => s.Title.Trim().Length > 0)
            .Select(s => (Slide: s, Overlap: Math.Min(s.End, end) - Math.Max(s.Start, start)))
            .Where(s => s.Overlap > 0)
            .OrderByDescending(s => s.Overlap).ThenBy(s => s.Slide.Start)
            .Select(s => s.Slide).FirstOrDefault();
        if (slide is not null) return (slide.Title.Trim(), "slide");

        var text = string.Join(' ', sentences.Where(s => (s.Start + s.End) / 2 >= start && (s.Start + s.End) / 2 < end).Select(s => s.Text));
        var keywords = weights.Weigh(text).Take(3).Select(t => t.Term).ToList();
        if (keywords.Count == 0) return (string.Create(CultureInfo.InvariantCulture, $"Part at {(int)start / 60}:{(int)start % 60:00}"), "keywords");
        var title = string.Join(", ", keywords);
        return (char.ToUpperInvariant(title[0]) + title[1..], "keywords");
    }
}
