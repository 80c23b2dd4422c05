namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Word times when the export has no cross-attention outputs to align with (the common Optimum export):
/// the segment's span shared out in proportion to each word's characters. Marked approximate so nobody
/// cuts video on them blindly; good enough to highlight the word being spoken.
/// </summary>
internal static class ApproximateWords
{
    public static IReadOnlyList<TranscriptWord> Spread(double start, double end, string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var total = words.Sum(w => w.Length);
        var result = new List<TranscriptWord>(words.Length);
        var characters = 0;
        foreach (var word in words)
        {
            var wordStart = start + (end - start) * characters / total;
            characters += word.Length;
            var wordEnd = start + (end - start) * characters / total;
            result.Add(new TranscriptWord(Math.Round(wordStart, 3), Math.Round(wordEnd, 3), word, Approximate: true));
        }
        return result;
    }
}
