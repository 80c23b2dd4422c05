namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Timestamp tokens → segments, as <c>whisper.transcribe</c> slices them: a segment runs from one timestamp
/// to the next, consecutive timestamp pairs close one segment and open the next. Text after the last
/// timestamp (the window ended mid-sentence) runs to the window's end; a window without pairs is one segment.
/// </summary>
internal static class WhisperSegments
{
    public static IReadOnlyList<TranscriptSegment> FromTokens(
        WhisperTokenizer tokenizer, IReadOnlyList<int> tokens, double offset, double windowSeconds, double avgLogProb, double noSpeechProb) =>
        Pieces(tokenizer, tokens, offset, windowSeconds, avgLogProb, noSpeechProb).Select(p => p.Segment).ToList();

    /// <summary>The segments with the range of <paramref name="tokens"/> each came from (for word alignment).</summary>
    public static IReadOnlyList<(TranscriptSegment Segment, int First, int Count)> Pieces(
        WhisperTokenizer tokenizer, IReadOnlyList<int> tokens, double offset, double windowSeconds, double avgLogProb, double noSpeechProb)
    {
        var segments = new List<(TranscriptSegment, int, int)>();
        var pieceStart = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var closesPair = i > 0 && i < tokens.Count && tokenizer.IsTimestamp(tokens[i]) && tokenizer.IsTimestamp(tokens[i - 1]);
            if (!closesPair && i < tokens.Count) continue;
            var first = pieceStart;
            var piece = tokens.Skip(pieceStart).Take(i - pieceStart).ToList();
            pieceStart = i;
            if (piece.Count == 0) continue;
            var stamps = piece.Where(tokenizer.IsTimestamp).ToList();
            var start = stamps.Count > 0 && tokenizer.IsTimestamp(piece[0]) ? tokenizer.TimestampSeconds(piece[0]) : 0;
            var end = tokenizer.IsTimestamp(piece[^1]) && piece.Count > 1 ? tokenizer.TimestampSeconds(piece[^1]) : windowSeconds;
            end = Math.Min(Math.Max(end, start), windowSeconds);
            var text = tokenizer.Decode(piece);
            if (text.Trim().Length == 0) continue;
            segments.Add((new TranscriptSegment(
                Math.Round(offset + start, 3), Math.Round(offset + end, 3), text.Trim(),
                Math.Round(avgLogProb, 4), Math.Round(noSpeechProb, 4)), first, piece.Count));
        }
        return segments;
    }
}
