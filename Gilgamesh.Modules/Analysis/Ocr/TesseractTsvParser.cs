using System.Globalization;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Reads tesseract's TSV (level page_num block_num par_num line_num word_num left top width height conf text).
/// Only level-5 rows are words; the other levels are boxes we rebuild from the words we keep. Boxes are
/// divided by <c>scale</c> to map from the upscaled image back to the source frame.
/// </summary>
internal static class TesseractTsvParser
{
    public static List<OcrWord> ParseWords(string tsv, int scale)
    {
        var words = new List<OcrWord>();
        foreach (var row in tsv.Split('\n'))
        {
            var f = row.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || f[0] != "5") continue;
            var text = f[11].Trim();
            if (text.Length == 0 || !double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < 0) continue;
            var box = new PixelBox(Int(f[6]) / scale, Int(f[7]) / scale, (Int(f[8]) + scale - 1) / scale, (Int(f[9]) + scale - 1) / scale);
            words.Add(new OcrWord(Int(f[2]), Int(f[3]), Int(f[4]), box, confidence, text));
        }
        return words;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
