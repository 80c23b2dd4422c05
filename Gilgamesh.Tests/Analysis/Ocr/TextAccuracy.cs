using Gilgamesh.Modules.Analysis.Ocr;

namespace Gilgamesh.Tests.Analysis.Ocr;

/// <summary>Character and word accuracy as OCR benchmarks define them: 1 − edit distance / truth length.</summary>
internal static class TextAccuracy
{
    public static double Characters(string truth, string read)
    {
        var t = TextSimilarity.Normalize(truth).ToCharArray();
        var r = TextSimilarity.Normalize(read).ToCharArray();
        return 1 - (double)TextSimilarity.EditDistance(t, r) / t.Length;
    }

    public static double Words(string truth, string read)
    {
        var t = Split(truth);
        return 1 - (double)TextSimilarity.EditDistance(t, Split(read)) / t.Length;
    }

    private static string[] Split(string text) => TextSimilarity.Normalize(text).Split(' ');
}
