namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>Levenshtein distance and the similarity 1 − distance / longer length, used to tell "the same slide read again" from a new one.</summary>
internal static class TextSimilarity
{
    public static int EditDistance<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var j = 0; j <= b.Count; j++) previous[j] = j;
        for (var i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Count; j++)
            {
                var cost = EqualityComparer<T>.Default.Equals(a[i - 1], b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }

    public static double Similarity(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        var longer = Math.Max(x.Length, y.Length);
        return longer == 0 ? 1 : 1 - (double)EditDistance(x.ToCharArray(), y.ToCharArray()) / longer;
    }

    /// <summary>Whitespace-collapsed, case-folded: line breaks move between readings of the same slide.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
