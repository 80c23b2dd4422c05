namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// The local, explainable analyzer: chapters from slides and lexical cohesion, then every run of whole
/// sentences of one chapter that starts and ends in a pause and lasts between the bounds becomes a
/// candidate, scored with reasons. Pure and deterministic: same material, same result.
/// </summary>
internal static class ContentAnalyzer
{
    public static ContentAnalysis Analyze(LectureMaterial lecture, ContentOptions options)
    {
        var sentences = lecture.Sentences;
        var weights = new TermWeights(sentences.Select(s => s.Text));
        var chapters = ChapterBuilder.Build(sentences, lecture.Slides, weights, lecture.DurationSeconds, options.MinChapterSeconds);
        var gaps = SentenceGaps.Find(sentences, lecture.Silences, lecture.DurationSeconds, options.MinPauseSeconds);
        var chapterOf = sentences.Select(s => ChapterIndex(chapters, (s.Start + s.End) / 2)).ToArray();
        var scorer = new CandidateScorer(lecture, weights, options.Weights);

        var measured = new List<(int First, int Last, double Start, double End, CandidateFeatures Features)>();
        for (var first = 0; first < sentences.Count; first++)
        {
            if (!gaps.TryGetValue(first - 1, out var before)) continue;
            var start = before.InPoint(options.PaddingSeconds);
            for (var last = first; last < sentences.Count && chapterOf[last] == chapterOf[first]; last++)
            {
                if (sentences[last].End - start > options.MaxSeconds) break;
                if (!gaps.TryGetValue(last, out var after)) continue;
                var end = after.OutPoint(options.PaddingSeconds);
                if (end - start < options.MinSeconds || end - start > options.MaxSeconds) continue;
                measured.Add((first, last, start, end, scorer.Measure(first, last, start, end)));
            }
        }

        var highest = measured.Count == 0 ? 0 : measured.Max(m => m.Features.Salience);
        var candidates = measured.Select(m =>
        {
            var features = m.Features with { Salience = highest > 0 ? m.Features.Salience / highest : 0 };
            var (score, reasons) = scorer.Score(features);
            var text = string.Join(' ', sentences.Skip(m.First).Take(m.Last - m.First + 1).Select(s => s.Text));
            return new ScoredCandidate(m.First, m.Last, chapterOf[m.First], m.Start, m.End, score, features, reasons, text);
        })
        .OrderByDescending(c => c.Score).ThenBy(c => c.Start).ThenBy(c => c.End)
        .ToList();
        return new ContentAnalysis(sentences, chapters, gaps.Values.OrderBy(g => g.Before).ToList(), candidates);
    }

    private static int ChapterIndex(IReadOnlyList<Chapter> chapters, double time)
    {
        for (var i = chapters.Count - 1; i >= 0; i--)
            if (time >= chapters[i].Start) return i;
        return 0;
    }
}
