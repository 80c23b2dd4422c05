namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Groups kept words into lines and blocks. Low-confidence words are dropped first: on pictures without
/// text tesseract reports shapes as short junk words with low confidence, and an empty result is the right answer there.
/// A bullet glyph at the start of a line becomes "•": tesseract reads "•" as ¢, ©, ° … or as a low-confidence
/// "e"/"o", so a single character that is a bullet lookalike, or markedly smaller than the line's words, counts.
/// </summary>
internal static class OcrLayoutAssembler
{
    private const string BulletLookalikes = "•·¢©°«»®*¥§";

    public static List<OcrBlock> Assemble(IEnumerable<OcrWord> words, double minConfidence, int frameWidth, int frameHeight)
    {
        var blocks = new List<OcrBlock>();
        foreach (var blockWords in words.GroupBy(w => w.Block))
        {
            var lines = new List<OcrLine>();
            foreach (var lineWords in blockWords.GroupBy(w => (w.Paragraph, w.Line)))
            {
                var all = lineWords.ToList();
                var bullet = all.Count > 1 && IsBullet(all[0], all.Skip(1).Where(w => w.Confidence >= minConfidence).ToList());
                var kept = all.Skip(bullet ? 1 : 0).Where(w => w.Confidence >= minConfidence).ToList();
                if (!kept.Any(w => w.Text.Any(char.IsLetterOrDigit))) continue;
                var texts = kept.Select(w => w.Text).ToList();
                if (bullet)
                {
                    texts.Insert(0, "•");
                    kept.Insert(0, all[0]);
                }
                var box = PixelBox.Union(kept.Select(w => w.Box));
                lines.Add(new OcrLine(string.Join(' ', texts), Math.Round(kept.Skip(bullet ? 1 : 0).Average(w => w.Confidence), 1), box, box.Normalize(frameWidth, frameHeight)));
            }
            if (lines.Count == 0) continue;
            var blockBox = PixelBox.Union(lines.Select(l => l.Box));
            blocks.Add(new OcrBlock(string.Join('\n', lines.Select(l => l.Text)), Math.Round(lines.Average(l => l.Confidence), 1),
                blockBox, blockBox.Normalize(frameWidth, frameHeight), lines));
        }
        return blocks;
    }

    private static bool IsBullet(OcrWord first, List<OcrWord> rest)
    {
        if (first.Text.Length != 1 || rest.Count == 0 || !rest.Any(w => w.Text.Any(char.IsLetterOrDigit))) return false;
        if (BulletLookalikes.Contains(first.Text[0], StringComparison.Ordinal)) return true;
        var heights = rest.Select(w => w.Box.Height).Order().ToList();
        // Low confidence too: a real one-letter word ("a") is small as well but read with high confidence.
        return first.Box.Height < 0.6 * heights[heights.Count / 2] && first.Confidence < 70 && !char.IsDigit(first.Text[0]);
    }
}
