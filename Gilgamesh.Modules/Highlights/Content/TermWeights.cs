namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// TF-IDF over the lecture with each sentence as a document: a term said in few sentences but often in a
/// passage is what that passage is about. IDF is smoothed (<c>ln(1 + N / df)</c>) so a term in every sentence
/// still weighs a little rather than zero.
/// </summary>
internal sealed class TermWeights
{
    private readonly Dictionary<string, double> inverseFrequency = new(StringComparer.Ordinal);
    private readonly double unseen;

    public TermWeights(IEnumerable<string> documents)
    {
        var count = 0;
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            count++;
            foreach (var term in LectureText.Terms(document).Distinct(StringComparer.Ordinal))
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        foreach (var (term, df) in documentFrequency) inverseFrequency[term] = Math.Log(1 + (double)count / df);
        unseen = Math.Log(1 + Math.Max(1, count));
    }

    public double Idf(string term) => inverseFrequency.TryGetValue(term, out var idf) ? idf : unseen;

    /// <summary>Each distinct term of <paramref name="text"/> with tf × idf, heaviest first (ties by term, so the order is stable).</summary>
    public IReadOnlyList<(string Term, double Weight)> Weigh(string text)
    {
        var terms = LectureText.Terms(text);
        if (terms.Count == 0) return [];
        return terms.GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => (Term: g.Key, Weight: (double)g.Count() / terms.Count * Idf(g.Key)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A term-count vector for cosine similarity, each term weighted by its IDF.</summary>
    public Dictionary<string, double> Vector(IEnumerable<string> texts)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in texts.SelectMany(LectureText.Terms)) vector[term] = vector.GetValueOrDefault(term) + Idf(term);
        return vector;
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var dot = a.Sum(kv => b.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : dot / norm;
    }
}
