using System.Globalization;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Content words of a text for salience and cohesion: lower-case letters and digits, stop words dropped,
/// a light plural fold ("gradients" → "gradient") so a slide title and its spoken form meet.
/// </summary>
internal static class LectureText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
        "down", "during", "each", "even", "every", "few", "first", "for", "from", "further", "get", "gets", "got", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
        "let", "lets", "like", "look", "make", "makes", "many", "me", "more", "most", "much", "must", "my", "next", "no", "nor", "not", "now",
        "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "really", "same", "say", "see", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing",
        "things", "this", "those", "through", "to", "too", "two", "under", "until", "up", "us", "use", "used", "very", "want", "was", "way", "we",
        "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "yours", "okay", "ok", "right", "today", "going", "know", "think", "mean", "said", "says", "take", "takes",
    };

    public static IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        foreach (var raw in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string(raw.Where(c => char.IsLetterOrDigit(c) || c == '-').ToArray()).Trim('-');
            if (word.Length < 3 || StopWords.Contains(word) || word.All(char.IsDigit)) continue;
            terms.Add(Fold(word));
        }
        return terms;
    }

    /// <summary>Words of a phrase for matching, in order, lower case, punctuation dropped.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c) || c is '-' or '\'').ToArray()))
            .Where(w => w.Length > 0));

    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', '.', ';', ':', '!', '?', '(', ')', '"', '/', '[', ']', '\u2014', '\u2013'];

    private static string Fold(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
