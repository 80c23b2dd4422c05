using System.Globalization;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Features, score and reasons of candidate clips, each reason naming the evidence ("defines 'gradient
/// descent', the slide's title; cue 'the key idea'"), so a ranking is never an opaque number.
/// </summary>
internal sealed class CandidateScorer(LectureMaterial lecture, TermWeights weights, ScoreWeights scoreWeights)
{
    private readonly double lectureDb = LectureLevel(lecture.Speech);
    private readonly double lectureRate = LectureRate(lecture.Sentences);

    public CandidateFeatures Measure(int first, int last, double start, double end)
    {
        var sentences = lecture.Sentences.Skip(first).Take(last - first + 1).ToList();
        var text = string.Join(' ', sentences.Select(s => s.Text));
        var top = weights.Weigh(text).Take(5).ToList();
        var salience = top.Count == 0 ? 0 : top.Average(t => t.Weight);

        var terms = LectureText.Terms(text).ToHashSet(StringComparer.Ordinal);
        var (overlap, title) = lecture.Slides
            .Where(s => Math.Min(s.End, end) > Math.Max(s.Start, start) && LectureText.Terms(s.Title).Count > 0)
            .Select(s => (Overlap: (double)LectureText.Terms(s.Title).Count(terms.Contains) / LectureText.Terms(s.Title).Count, Title: s.Title.Trim()))
            .OrderByDescending(s => s.Overlap).ThenBy(s => s.Title, StringComparer.Ordinal)
            .FirstOrDefault();

        var spoken = sentences.Sum(s => s.Words.Count);
        var speaking = sentences.Sum(s => s.Duration);
        var silence = lecture.Silences?.Sum(s => s.Overlap(start, end)) ?? 0;
        return new CandidateFeatures(salience, top.Select(t => t.Term).ToList(), overlap, title, CuePhrases.Find(text), sentences.Count(s => s.IsQuestion),
            Level(start, end), speaking > 0 ? spoken / speaking : 0, lectureRate, end > start ? silence / (end - start) : 0);
    }

    /// <summary>The score (0–1) of features whose salience is already divided by the lecture's highest, and the top three reasons.</summary>
    public (double Score, IReadOnlyList<string> Reasons) Score(CandidateFeatures f)
    {
        var w = scoreWeights;
        var parts = new List<(double Value, string Reason)>
        {
            (w.Salience * f.Salience, $"salient terms {Quoted(f.SalientTerms.Take(3))}"),
            (w.TitleOverlap * f.TitleOverlap, f.TitleOverlap >= 0.999
                ? $"defines '{f.SlideTitle}', the slide's title"
                : Invariant($"says {f.TitleOverlap:P0} of the slide title '{f.SlideTitle}'")),
            (w.CuePhrase * Math.Min(1, f.CuePhrases.Count), $"cue {Quoted(f.CuePhrases)}"),
            (w.Question * Math.Min(1, f.Questions), f.Questions == 1 ? "asks the audience a question" : Invariant($"asks {f.Questions} questions")),
            (w.Energy * Unit((f.EnergyDb ?? 0) / 6), Invariant($"spoken louder than usual ({f.EnergyDb:+0.0;-0.0} dB)")),
            (w.Rate * Unit(f.LectureWordsPerSecond > 0 ? (f.WordsPerSecond / f.LectureWordsPerSecond - 1) * 4 : 0),
                Invariant($"spoken faster than usual ({f.WordsPerSecond:0.0} vs {f.LectureWordsPerSecond:0.0} words/s)")),
        };
        var penalty = w.SilencePenalty * Math.Max(0, f.SilenceRatio - 0.15) / 0.85;
        var score = Math.Clamp(parts.Sum(p => p.Value) - penalty, 0, 1);
        var reasons = parts.Where(p => p.Value > 0.01).OrderByDescending(p => p.Value).Take(3).Select(p => p.Reason).ToList();
        if (penalty > 0.02) reasons.Add(Invariant($"{f.SilenceRatio:P0} silence"));
        return (Math.Round(score, 4), reasons);
    }

    private double? Level(double start, double end)
    {
        var stretches = lecture.Speech.Where(s => Math.Min(s.End, end) > Math.Max(s.Start, start)).ToList();
        if (stretches.Count == 0 || double.IsNaN(lectureDb)) return null;
        var weight = stretches.Sum(s => Math.Min(s.End, end) - Math.Max(s.Start, start));
        return stretches.Sum(s => (Math.Min(s.End, end) - Math.Max(s.Start, start)) * s.MeanDb) / weight - lectureDb;
    }

    private static double LectureLevel(IReadOnlyList<SpeechStretch> speech)
    {
        var total = speech.Sum(s => s.End - s.Start);
        return total > 0 ? speech.Sum(s => (s.End - s.Start) * s.MeanDb) / total : double.NaN;
    }

    private static double LectureRate(IReadOnlyList<LectureSentence> sentences)
    {
        var rates = sentences.Where(s => s.Duration > 0.5).Select(s => s.Words.Count / s.Duration).Order().ToList();
        return rates.Count == 0 ? 0 : rates[rates.Count / 2];
    }

    private static double Unit(double value) => Math.Clamp(value, 0, 1);

    private static string Quoted(IEnumerable<string> items) => string.Join(", ", items.Select(i => $"'{i}'"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
