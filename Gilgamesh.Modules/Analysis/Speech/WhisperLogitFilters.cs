namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The reference decoder's logit filters, in its order (<c>whisper.decoding</c>: SuppressBlank,
/// SuppressTokens, ApplyTimestampRules). They keep greedy decoding well-formed: text starts with a
/// timestamp no later than 1 s, timestamps come in pairs and never go backwards, and a timestamp wins
/// whenever all timestamps together are likelier than the best text token.
/// </summary>
internal sealed class WhisperLogitFilters
{
    private readonly WhisperTokenizer _tokenizer;
    private readonly int[] _suppress;
    private readonly int _maxInitialTimestampIndex;

    public WhisperLogitFilters(WhisperTokenizer tokenizer, WhisperModelConfig config)
    {
        _tokenizer = tokenizer;
        _maxInitialTimestampIndex = config.MaxInitialTimestampIndex;
        var suppress = new HashSet<int>(config.SuppressTokens)
        {
            tokenizer.Transcribe, tokenizer.Translate, tokenizer.StartOfTranscript, tokenizer.StartOfPrevious,
        };
        if (tokenizer.StartOfLm >= 0) suppress.Add(tokenizer.StartOfLm);
        if (tokenizer.NoSpeech >= 0) suppress.Add(tokenizer.NoSpeech);
        _suppress = [.. suppress];
    }

    /// <param name="generated">Tokens sampled so far in this window (after the prompt).</param>
    public void Apply(float[] logits, IReadOnlyList<int> generated)
    {
        var eot = _tokenizer.EndOfText;
        var tsBegin = _tokenizer.TimestampBegin;
        var vocab = logits.Length;

        if (generated.Count == 0)
        {
            if (_tokenizer.Blank >= 0) logits[_tokenizer.Blank] = float.NegativeInfinity;
            logits[eot] = float.NegativeInfinity;
        }
        foreach (var id in _suppress)
            if (id < vocab) logits[id] = float.NegativeInfinity;

        logits[_tokenizer.NoTimestamps] = float.NegativeInfinity;
        var lastWasTimestamp = generated.Count >= 1 && generated[^1] >= tsBegin;
        var penultimateWasTimestamp = generated.Count < 2 || generated[^2] >= tsBegin;
        if (lastWasTimestamp)
        {
            // A pair closes a segment: text next. A single timestamp ends one: another timestamp or end of text.
            if (penultimateWasTimestamp) Fill(logits, tsBegin, vocab);
            else Fill(logits, 0, eot);
        }

        var lastTimestamp = -1;
        for (var i = generated.Count - 1; i >= 0; i--)
            if (generated[i] >= tsBegin) { lastTimestamp = generated[i]; break; }
        if (lastTimestamp >= 0)
        {
            // Monotonic: never before the last timestamp; strictly after it unless closing a pair.
            var from = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
            Fill(logits, tsBegin, Math.Min(from, vocab));
        }

        if (generated.Count == 0)
        {
            Fill(logits, 0, tsBegin);
            var lastAllowed = tsBegin + _maxInitialTimestampIndex;
            Fill(logits, Math.Min(lastAllowed + 1, vocab), vocab);
        }

        var logProbs = LogSoftmax(logits);
        var timestampLogProb = LogSumExp(logProbs.AsSpan(tsBegin));
        var maxText = float.NegativeInfinity;
        for (var i = 0; i < tsBegin; i++) maxText = Math.Max(maxText, logProbs[i]);
        if (timestampLogProb > maxText) Fill(logits, 0, tsBegin);
    }

    public static float[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        var logSum = max + (float)Math.Log(sum);
        var result = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++) result[i] = logits[i] - logSum;
        return result;
    }

    private static float LogSumExp(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (float.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + (float)Math.Log(sum);
    }

    private static void Fill(float[] logits, int from, int to)
    {
        if (to > from) logits.AsSpan(from, to - from).Fill(float.NegativeInfinity);
    }
}
