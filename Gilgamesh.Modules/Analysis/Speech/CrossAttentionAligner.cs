namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>A word located by cross-attention alignment: window seconds and the index of its first token.</summary>
internal sealed record AlignedWord(int FirstToken, double Start, double End, string Text);

/// <summary>
/// Word times from the decoder's cross-attentions, as <c>whisper.timing.find_alignment</c> computes them, for
/// exports that output <c>cross_attentions.{i}</c> (Transformers.js "timestamped" exports) and name
/// <c>alignment_heads</c>: for each text token, the alignment heads' attention over the encoder frames at the
/// step that produced it (plus the step that produced the token after the last word); each head normalised
/// over tokens (z-score per frame), median filtered over 7 frames, averaged over heads; dynamic time warping
/// on the negated matrix; a token starts where the path first reaches its row (50 frames per second).
/// </summary>
internal static class CrossAttentionAligner
{
    public const double FramesPerSecond = 50;
    private const int MedianWidth = 7;

    /// <param name="tokens">Generated tokens of the window without end-of-text (text and timestamps).</param>
    /// <param name="rows">Per generated token (end-of-text included when decoding ended on it): the alignment heads' attention rows [head][frame].</param>
    /// <param name="frames">Encoder frames holding the chunk's audio (50 per second, at most 1500).</param>
    public static IReadOnlyList<AlignedWord> Words(WhisperTokenizer tokenizer, IReadOnlyList<int> tokens, IReadOnlyList<float[][]> rows, int frames)
    {
        var text = Enumerable.Range(0, tokens.Count).Where(i => tokens[i] < tokenizer.EndOfText).ToList();
        if (text.Count == 0 || rows.Count == 0) return [];
        var rowIndices = new List<int>(text);
        var hasTerminal = text[^1] + 1 < rows.Count;
        if (hasTerminal) rowIndices.Add(text[^1] + 1);
        var heads = rows[0].Length;
        frames = Math.Min(frames, rows[0][0].Length);
        if (frames <= MedianWidth) return [];

        var matrix = new double[rowIndices.Count, frames];
        var column = new double[rowIndices.Count];
        var filtered = new double[frames];
        var normalised = new double[rowIndices.Count, frames];
        for (var h = 0; h < heads; h++)
        {
            for (var f = 0; f < frames; f++)
            {
                for (var n = 0; n < rowIndices.Count; n++) column[n] = rows[rowIndices[n]][h][f];
                var mean = column.Average();
                var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
                for (var n = 0; n < rowIndices.Count; n++) normalised[n, f] = std > 1e-12 ? (column[n] - mean) / std : 0;
            }
            for (var n = 0; n < rowIndices.Count; n++)
            {
                MedianFilter(normalised, n, frames, filtered);
                for (var f = 0; f < frames; f++) matrix[n, f] += filtered[f] / heads;
            }
        }

        var jumps = JumpFrames(matrix);
        var words = new List<AlignedWord>();
        var wordStarts = new List<int>(); // positions in text
        for (var k = 0; k < text.Count; k++)
        {
            var piece = tokenizer.Decode([tokens[text[k]]]);
            var startsWord = k == 0 || text[k] != text[k - 1] + 1 || (piece.StartsWith(' ') && piece.Trim().Length > 0);
            if (startsWord) wordStarts.Add(k);
        }
        for (var w = 0; w < wordStarts.Count; w++)
        {
            var first = wordStarts[w];
            var next = w + 1 < wordStarts.Count ? wordStarts[w + 1] : text.Count;
            var start = jumps[first] / FramesPerSecond;
            var end = next < text.Count || hasTerminal ? jumps[Math.Min(next, jumps.Length - 1)] / FramesPerSecond : frames / FramesPerSecond;
            var word = tokenizer.Decode(text.Skip(first).Take(next - first).Select(i => tokens[i])).Trim();
            if (word.Length > 0) words.Add(new AlignedWord(text[first], start, Math.Max(start, end), word));
        }
        return words;
    }

    /// <summary>Median over a centred window of 7 frames, reflecting at the ends (torch's "reflect" padding).</summary>
    private static void MedianFilter(double[,] values, int row, int frames, double[] target)
    {
        var window = new double[MedianWidth];
        for (var f = 0; f < frames; f++)
        {
            for (var k = 0; k < MedianWidth; k++)
            {
                var i = f + k - MedianWidth / 2;
                if (i < 0) i = -i;
                else if (i >= frames) i = 2 * (frames - 1) - i;
                window[k] = values[row, i];
            }
            Array.Sort(window);
            target[f] = window[MedianWidth / 2];
        }
    }

    /// <summary>Dynamic time warping on −matrix (Whisper's dtw_cpu); for each row, the frame where the path enters it.</summary>
    private static int[] JumpFrames(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var m = matrix.GetLength(1);
        var cost = new double[n + 1, m + 1];
        var trace = new sbyte[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= m; j++) cost[i, j] = double.PositiveInfinity;
        cost[0, 0] = 0;
        for (var j = 1; j <= m; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                var c0 = cost[i - 1, j - 1];
                var c1 = cost[i - 1, j];
                var c2 = cost[i, j - 1];
                double c;
                sbyte t;
                if (c0 < c1 && c0 < c2) (c, t) = (c0, 0);
                else if (c1 < c0 && c1 < c2) (c, t) = (c1, 1);
                else (c, t) = (c2, 2);
                cost[i, j] = -matrix[i - 1, j - 1] + c;
                trace[i, j] = t;
            }
        }
        for (var j = 0; j <= m; j++) trace[0, j] = 2;
        for (var i = 0; i <= n; i++) trace[i, 0] = 1;

        var path = new List<(int Row, int Frame)>();
        int r = n, q = m;
        while (r > 0 || q > 0)
        {
            path.Add((r - 1, q - 1));
            switch (trace[r, q])
            {
                case 0: r--; q--; break;
                case 1: r--; break;
                default: q--; break;
            }
        }
        path.Reverse();
        var jumps = new int[n];
        var previous = -1;
        foreach (var (row, frame) in path)
        {
            if (row >= 0 && row != previous) jumps[row] = Math.Max(0, frame);
            previous = row;
        }
        return jumps;
    }
}
