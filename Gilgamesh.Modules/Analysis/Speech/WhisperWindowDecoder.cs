using Microsoft.ML.OnnxRuntime;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>One decoding of one window at one temperature: what the fallback rule and the segments need.</summary>
/// <param name="Attention">Per generated token (end-of-text included), the alignment heads' cross-attention rows; null when the export has none.</param>
internal sealed record DecodingAttempt(double Temperature, IReadOnlyList<int> Tokens, string Text, double AvgLogProb, double CompressionRatio, double NoSpeechProb,
    IReadOnlyList<float[][]>? Attention = null);

/// <summary>The accepted attempt of a window and the ones the fallback rule rejected before it.</summary>
internal sealed record WindowDecoding(DecodingAttempt Result, IReadOnlyList<DecodingAttempt> Rejected)
{
    /// <summary>Whisper's silence rule: likely no speech and not confidently decoded.</summary>
    public bool IsNoSpeech(WhisperDecodingOptions options) =>
        Result.NoSpeechProb > options.NoSpeechThreshold && Result.AvgLogProb <= options.LogProbThreshold;
}

/// <summary>
/// Decodes one encoded window as <c>whisper.decoding</c> does with beam size 1: prompt
/// [&lt;|startofprev|&gt; context…] &lt;|startoftranscript|&gt; &lt;|lang|&gt; &lt;|task|&gt;, KV-cached steps,
/// logit filters, greedy at temperature 0 and seeded sampling above, at most n_text_ctx / 2 new tokens;
/// then temperature fallback while the text is repetitive (compression ratio) or unlikely (average
/// log-probability), unless the window is judged silent.
/// </summary>
internal sealed class WhisperWindowDecoder(WhisperOnnxModel model, WhisperDecodingOptions options)
{
    private readonly WhisperLogitFilters _filters = new(model.Tokenizer, model.Config);
    private WhisperTokenizer Tokenizer => model.Tokenizer;

    /// <summary>The likeliest language token after &lt;|startoftranscript|&gt; alone.</summary>
    public string DetectLanguage(OrtValue encoderStates)
    {
        using var run = model.StartDecoder(encoderStates);
        var logits = run.Run([Tokenizer.StartOfTranscript], 0)[0];
        var best = Tokenizer.Languages.MaxBy(l => l.Value < logits.Length ? logits[l.Value] : float.NegativeInfinity);
        return best.Key ?? "en";
    }

    public WindowDecoding Decode(OrtValue encoderStates, IReadOnlyList<int> context, string? language, SpeechTask task, int windowIndex, CancellationToken cancellationToken)
    {
        var rejected = new List<DecodingAttempt>();
        DecodingAttempt? attempt = null;
        for (var t = 0; t < options.Temperatures.Count; t++)
        {
            attempt = DecodeOnce(encoderStates, context, language, task, options.Temperatures[t], new Random(options.Seed + windowIndex * 1009 + t), cancellationToken);
            var needsFallback = attempt.CompressionRatio > options.CompressionRatioThreshold || attempt.AvgLogProb < options.LogProbThreshold;
            if (attempt.NoSpeechProb > options.NoSpeechThreshold && attempt.AvgLogProb < options.LogProbThreshold) needsFallback = false;
            if (!needsFallback) break;
            if (t < options.Temperatures.Count - 1) rejected.Add(attempt);
        }
        return new WindowDecoding(attempt!, rejected);
    }

    private DecodingAttempt DecodeOnce(OrtValue encoderStates, IReadOnlyList<int> context, string? language, SpeechTask task, double temperature, Random random, CancellationToken cancellationToken)
    {
        var (prompt, sotIndex) = Prompt(context, language, task);

        var sampleLength = model.Config.MaxTargetPositions / 2;
        using var run = model.StartDecoder(encoderStates);
        var first = run.Run(prompt, sotIndex, prompt.Count - 1);
        var noSpeech = Tokenizer.NoSpeech >= 0 && Tokenizer.NoSpeech < first[0].Length ? Math.Exp(WhisperLogitFilters.LogSoftmax(first[0])[Tokenizer.NoSpeech]) : 0;
        var logits = first[1];
        var attention = run.LastAttention is null ? null : new List<float[][]> { run.LastAttention };
        var generated = new List<int>();
        var sumLogProb = 0.0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _filters.Apply(logits, generated);
            var logProbs = WhisperLogitFilters.LogSoftmax(logits);
            var next = temperature == 0 ? ArgMax(logits) : Sample(logits, temperature, random);
            sumLogProb += logProbs[next];
            generated.Add(next);
            if (next == Tokenizer.EndOfText || generated.Count >= sampleLength || run.Length + 1 >= model.Config.MaxTargetPositions) break;
            logits = run.Run([next], 0)[0];
            attention?.Add(run.LastAttention!);
        }

        var tokens = generated.TakeWhile(t => t != Tokenizer.EndOfText).ToList();
        // As the reference: the end-of-text token's log-probability is summed and counts as the "+ 1" in the length.
        var text = Tokenizer.Decode(tokens);
        return new DecodingAttempt(temperature, tokens, text, sumLogProb / (tokens.Count + 1), CompressionRatio.Of(text), noSpeech, attention);
    }

    /// <summary>
    /// [&lt;|startofprev|&gt; last context tokens] &lt;|startoftranscript|&gt; [&lt;|lang|&gt; &lt;|task|&gt;], and where
    /// &lt;|startoftranscript|&gt; is (its logits give the no-speech probability).
    /// </summary>
    public (List<int> Prompt, int StartOfTranscriptIndex) Prompt(IReadOnlyList<int> context, string? language, SpeechTask task)
    {
        var prompt = new List<int>();
        if (context.Count > 0)
        {
            prompt.Add(Tokenizer.StartOfPrevious);
            prompt.AddRange(context.Skip(Math.Max(0, context.Count - options.MaxPromptTokens)));
        }
        var sotIndex = prompt.Count;
        prompt.Add(Tokenizer.StartOfTranscript);
        if (model.Config.IsMultilingual)
        {
            prompt.Add(Tokenizer.LanguageToken(language ?? "en"));
            prompt.Add(task == SpeechTask.Translate ? Tokenizer.Translate : Tokenizer.Transcribe);
        }
        return (prompt, sotIndex);
    }

    /// <summary>First index of the maximum, as numpy/torch argmax break ties.</summary>
    private static int ArgMax(float[] logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static int Sample(float[] logits, double temperature, Random random)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        var weights = new double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            weights[i] = float.IsNegativeInfinity(logits[i]) ? 0 : Math.Exp((logits[i] - max) / temperature);
            total += weights[i];
        }
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0 && weights[i] > 0) return i;
        }
        return ArgMax(logits);
    }
}
