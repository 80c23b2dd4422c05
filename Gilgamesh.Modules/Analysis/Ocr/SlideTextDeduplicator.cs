namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Folds per-sample OCR into distinct slides. A sample whose text is at least <see cref="SameSlideSimilarity"/>
/// similar to the slide on screen extends it; similar to an earlier slide, it adds an appearance to that
/// slide (a speaker going back); otherwise it starts a new slide. Samples without text close the current showing.
/// </summary>
internal sealed class SlideTextDeduplicator(double sampleInterval, double duration)
{
    /// <summary>OCR of the same slide differs by a few characters between frames (compression, cursor); new slides differ by whole lines.</summary>
    public const double SameSlideSimilarity = 0.85;

    private readonly List<Entry> _slides = [];
    private Entry? _current;

    public void Add(double time, OcrFrame frame)
    {
        var end = Math.Min(duration, time + sampleInterval);
        var lines = frame.Blocks.SelectMany(b => b.Lines).ToList();
        if (lines.Count == 0)
        {
            _current = null;
            return;
        }

        var text = string.Join('\n', lines.Select(l => l.Text));
        if (_current is not null && TextSimilarity.Similarity(_current.Text, text) >= SameSlideSimilarity)
        {
            _current.Appearances[^1] = _current.Appearances[^1] with { End = end };
            return;
        }

        _current = _slides.FirstOrDefault(s => TextSimilarity.Similarity(s.Text, text) >= SameSlideSimilarity);
        if (_current is null)
        {
            _current = new Entry(text, lines);
            _slides.Add(_current);
        }
        _current.Appearances.Add(new TimeRange(time, end));
    }

    public List<OcrSlide> Slides() => _slides.Select(s => new OcrSlide(
        Math.Round(s.Appearances[0].Start, 3), Math.Round(s.Appearances[0].End, 3), s.Text,
        Math.Round(s.Lines.Average(l => l.Confidence), 1), s.Lines,
        s.Appearances.Select(a => new TimeRange(Math.Round(a.Start, 3), Math.Round(a.End, 3))).ToList())).ToList();

    private sealed record Entry(string Text, List<OcrLine> Lines)
    {
        public List<TimeRange> Appearances { get; } = [];
    }
}
