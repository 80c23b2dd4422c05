using Gilgamesh.Modules.Analysis.Ocr;

namespace Gilgamesh.Tests.Analysis.Ocr;

/// <summary>
/// Character and word accuracy as OCR benchmarks define them: 1 − edit distance / truth length. Case counts
/// (a misread capital is an error); only runs of white space are folded, since line breaks are layout.
/// </summary>
internal static class TextAccuracy
{
    public static double Characters(string truth, string read)
    {
        var t = Fold(truth).ToCharArray();
        var r = Fold(read).ToCharArray();
        return 1 - (double)TextSimilarity.EditDistance(t, r) / t.Length;
    }

    public static double Words(string truth, string read)
    {
        var t = Split(truth);
        return 1 - (double)TextSimilarity.EditDistance(t, Split(read)) / t.Length;
    }

    private static string[] Split(string text) => Fold(text).Split(' ');

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
