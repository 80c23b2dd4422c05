namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Cuts the loops a recognizer falls into ("la la la la …", "thank you thank you …"): a run of the same
/// word n-gram (1 to <see cref="MaxGram"/> words) repeated more than <see cref="MaxRepeats"/> times in a row is
/// kept once. Words compare case-insensitively without punctuation; the kept words are the originals.
/// </summary>
internal static class RepetitionGuard
{
    public const int MaxGram = 8;
    public const int MaxRepeats = 2;

    /// <summary>The text with loops cut, and whether anything was cut.</summary>
    public static (string Text, bool Cut) Cut(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keys = words.Select(Key).ToArray();
        var kept = new List<string>(words.Length);
        var cut = false;
        for (var i = 0; i < words.Length;)
        {
            var (gram, repeats) = LongestLoopAt(keys, i);
            if (repeats > MaxRepeats)
            {
                kept.AddRange(words.Skip(i).Take(gram));
                i += gram * repeats;
                cut = true;
                continue;
            }
            kept.Add(words[i]);
            i++;
        }
        if (!cut) return (text, false);
        var leading = text.Length > 0 && text[0] == ' ' ? " " : "";
        return (leading + string.Join(' ', kept), true);
    }

    /// <summary>The n-gram starting at <paramref name="start"/> that repeats most (by words covered), and its count.</summary>
    private static (int Gram, int Repeats) LongestLoopAt(string[] keys, int start)
    {
        var best = (Gram: 1, Repeats: 1);
        for (var gram = 1; gram <= MaxGram && start + 2 * gram <= keys.Length; gram++)
        {
            var repeats = 1;
            while (start + (repeats + 1) * gram <= keys.Length && Same(keys, start, start + repeats * gram, gram)) repeats++;
            if (repeats > MaxRepeats && repeats * gram > best.Repeats * best.Gram) best = (gram, repeats);
        }
        return best;
    }

    private static bool Same(string[] keys, int a, int b, int length)
    {
        for (var k = 0; k < length; k++)
            if (!string.Equals(keys[a + k], keys[b + k], StringComparison.Ordinal)) return false;
        return true;
    }

    private static string Key(string word) => new string(word.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
