namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Groups kept words into lines and blocks. Low-confidence words are dropped first: on pictures without
/// text tesseract reports shapes as short junk words with low confidence, and an empty result is the right answer there.
/// A lone symbol at the start of a line is a bullet glyph (tesseract reads "•" as ¢, ©, ° …) and becomes "•".
/// </summary>
internal static class OcrLayoutAssembler
{
    private const string BulletLookalikes = "•·¢©°«»®*¥§";

    public static List<OcrBlock> Assemble(IEnumerable<OcrWord> words, double minConfidence, int frameWidth, int frameHeight)
    {
        var blocks = new List<OcrBlock>();
        foreach (var blockWords in words.Where(w => w.Confidence >= minConfidence).GroupBy(w => w.Block))
        {
            var lines = new List<OcrLine>();
            foreach (var lineWords in blockWords.GroupBy(w => (w.Paragraph, w.Line)))
            {
                var kept = lineWords.ToList();
                if (!kept.Any(w => w.Text.Any(char.IsLetterOrDigit))) continue;
                var texts = kept.Select(w => w.Text).ToList();
                if (texts.Count > 1 && texts[0].Length == 1 && BulletLookalikes.Contains(texts[0][0], StringComparison.Ordinal)) texts[0] = "•";
                var box = PixelBox.Union(kept.Select(w => w.Box));
                lines.Add(new OcrLine(string.Join(' ', texts), Math.Round(kept.Average(w => w.Confidence), 1), box, box.Normalize(frameWidth, frameHeight)));
            }
            if (lines.Count == 0) continue;
            var blockBox = PixelBox.Union(lines.Select(l => l.Box));
            blocks.Add(new OcrBlock(string.Join('\n', lines.Select(l => l.Text)), Math.Round(lines.Average(l => l.Confidence), 1),
                blockBox, blockBox.Normalize(frameWidth, frameHeight), lines));
        }
        return blocks;
    }
}
