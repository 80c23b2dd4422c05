using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Slide-aware prompting: the rare terms of the slides on screen during a window (names, jargon, acronyms —
/// what a recognizer misspells) become its initial prompt, which Whisper treats as preceding text and so
/// spells alike. A term is a word of four or more characters (or an acronym of two or more capitals) that is
/// not among common English words; terms on fewer slides come first; at most <see cref="MaxTerms"/>.
/// </summary>
internal static partial class SlidePrompt
{
    public const int MaxTerms = 24;

    /// <summary>The prompt for the window [start, end), or null when no slide with rare terms overlaps it.</summary>
    public static string? For(IReadOnlyList<SlideText>? slides, double start, double end)
    {
        if (slides is null || slides.Count == 0) return null;
        var documentFrequency = slides
            .SelectMany((slide, index) => Terms(slide.Text).Select(term => (Key: term.ToLowerInvariant(), index)))
            .Distinct()
            .GroupBy(t => t.Key)
            .ToDictionary(g => g.Key, g => g.Count());
        var terms = slides
            .Where(s => s.End > start && s.Start < end)
            .SelectMany(s => Terms(s.Text))
            .DistinctBy(t => t.ToLowerInvariant())
            .OrderBy(t => documentFrequency[t.ToLowerInvariant()])
            .ThenByDescending(t => t.Length)
            .Take(MaxTerms)
            .ToList();
        return terms.Count == 0 ? null : string.Join(", ", terms) + ".";
    }

    public static IEnumerable<string> Terms(string text) =>
        WordPattern().Matches(text)
            .Select(m => m.Value.Trim('-', '\''))
            .Where(w => (w.Length >= 4 || (w.Length >= 2 && w.All(char.IsUpper))) && !CommonWords.Contains(w.ToLowerInvariant()));

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex WordPattern();

    /// <summary>Frequent English words of four letters and more (slide boilerplate included): never worth a prompt slot.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "against", "also", "always", "another", "because", "been", "before", "being", "below",
        "between", "both", "could", "does", "doing", "down", "during", "each", "even", "every", "example", "first", "from", "further",
        "good", "great", "have", "having", "here", "into", "just", "know", "last", "like", "little", "long", "made", "make", "many",
        "more", "most", "much", "must", "never", "next", "only", "other", "over", "part", "same", "should", "show", "some", "such",
        "than", "that", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "through",
        "time", "today", "under", "until", "very", "want", "well", "were", "what", "when", "where", "which", "while", "will", "with",
        "without", "work", "would", "year", "years", "your", "slide", "slides", "page", "thank", "thanks", "questions", "summary",
        "introduction", "conclusion", "overview", "agenda", "outline", "use", "used", "using", "data", "result", "results",
        "method", "methods", "figure", "table", "section", "chapter", "note", "notes", "point", "points", "case", "cases",
    };
}
