using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;
using Whisper.net;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Speech to text with Whisper.net (whisper.cpp, ggml models) on chunks planned at silences, as the ONNX
/// engine does: chunks the VAD found no speech in are never sent to the recognizer (counted), every
/// chunk's segments are moved to file time and clamped into the chunk, and the guards drop text outside
/// speech and cut loops. whisper.cpp applies the reference decoder's rules itself: temperature fallback
/// from 0 in steps of 0.2 while the entropy of the last tokens is below 2.4 (its compression-ratio test) or
/// the average log-probability below −1, and "no speech" when that probability exceeds 0.6.
/// </summary>
internal sealed class WhisperNetEngine(WhisperFactory factory, int threads = 0, AbandonedNativeWork? abandoned = null)
{
    public const string Name = "whisper.net";

    public async Task<Transcript> TranscribeAsync(SpeechScan scan, IPcmRanges audio, SpeechOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var supported = WhisperFactory.GetSupportedLanguages().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var language = options.Language?.ToLowerInvariant();
        if (language is not null && !supported.Contains(language))
            throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--language '{options.Language}' is not a language of this model (e.g. {string.Join(", ", supported.Take(5))})", 400);

        var duration = (double)scan.SampleCount / WhisperLogMel.SampleRate;
        var chunks = SpeechChunkPlanner.Plan(duration, scan.Silences);
        // By audio time done, skipped and silent chunks included, so the bar moves window by window without a jump.
        void ReportDone(SpeechChunk chunk) => progress?.Report(Math.Min(0.99, chunk.End / Math.Max(duration, 1e-9)));
        var segments = new List<TranscriptSegment>();
        var counts = new SpeechGuards.Counts();
        int decoded = 0, skipped = 0, prompted = 0;
        string? detected = null;
        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chunk.Silent || scan.IsNonSpeech(chunk.Start, chunk.End))
            {
                if (!chunk.Silent) skipped++;
                ReportDone(chunk);
                continue;
            }
            var first = (long)Math.Round(chunk.Start * WhisperLogMel.SampleRate);
            var last = Math.Min(scan.SampleCount, (long)Math.Round(chunk.End * WhisperLogMel.SampleRate));
            var samples = await audio.ReadAsync(first, last, cancellationToken).ConfigureAwait(false);
            var prompt = options.SlidePrompt ? SlidePrompt.For(options.Slides, chunk.Start, chunk.End) : null;
            if (prompt is not null) prompted++;

            decoded++;
            // The processor (whisper.cpp state, ~100 MB of buffers for base) is freed before progress is
            // reported, so a cancel that follows the report does not wait for it.
            foreach (var data in await DecodeAsync(samples, language ?? detected, options.Task, prompt, cancellationToken).ConfigureAwait(false))
            {
                detected ??= string.IsNullOrEmpty(data.Language) || data.Language == "auto" ? null : data.Language;
                var segment = ToSegment(data, chunk);
                if (segment is null) continue;
                var kept = SpeechGuards.Apply(segment, segments.LastOrDefault(), scan.Speech, counts);
                if (kept is not null) segments.Add(kept);
            }
            ReportDone(chunk);
        }
        progress?.Report(1);
        return new Transcript(language ?? detected, segments, Transcript.SpeechSource)
        {
            Statistics = new TranscriptStatistics(Name, decoded, skipped, counts.DroppedOutsideSpeech, counts.LoopsCut, counts.RepeatedSegments, prompted),
        };
    }

    /// <remarks>
    /// On cancellation Whisper.net's enumeration ends at once, but its <c>DisposeAsync</c> waits for whisper.cpp to
    /// return, and whisper.cpp polls the abort callback only between whole computations (an encoder pass over a 30-s
    /// window, a decoder step): on a busy CPU that kept a cancelled transcription alive ~1.5 s. The processor is then
    /// disposed in the background (it frees itself when whisper.cpp returns at its next check; <c>abandoned</c>
    /// lets the model's owner wait for that before freeing the model) and the caller is told at once.
    /// </remarks>
    private async Task<List<SegmentData>> DecodeAsync(ReadOnlyMemory<float> samples, string? language, SpeechTask task, string? prompt, CancellationToken cancellationToken)
    {
        var result = new List<SegmentData>();
        var processor = Build(language, task, prompt);
        try
        {
            await foreach (var data in processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false)) result.Add(data);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var disposal = processor.DisposeAsync().AsTask();
            abandoned?.Add(disposal);
            throw;
        }
        await processor.DisposeAsync().ConfigureAwait(false);
        return result;
    }

    private WhisperProcessor Build(string? language, SpeechTask task, string? prompt)
    {
        var builder = factory.CreateBuilder()
            .WithTokenTimestamps()
            .WithProbabilities()
            .WithTemperature(0f)
            .WithTemperatureInc(0.2f)
            .WithEntropyThreshold(2.4f)
            .WithLogProbThreshold(-1f)
            .WithNoSpeechThreshold(0.6f);
        builder = language is null ? builder.WithLanguageDetection() : builder.WithLanguage(language);
        if (task == SpeechTask.Translate) builder = builder.WithTranslate();
        if (threads > 0) builder = builder.WithThreads(threads);
        if (prompt is not null) builder = builder.WithPrompt(prompt);
        return builder.Build();
    }

    /// <summary>A Whisper.net segment in file time with its words (text tokens merged at leading spaces).</summary>
    private static TranscriptSegment? ToSegment(SegmentData data, SpeechChunk chunk)
    {
        if (string.IsNullOrWhiteSpace(data.Text)) return null;
        var start = Math.Round(Math.Clamp(chunk.Start + data.Start.TotalSeconds, chunk.Start, chunk.End), 3);
        var end = Math.Round(Math.Clamp(chunk.Start + data.End.TotalSeconds, start, chunk.End), 3);
        var text = data.Tokens.Where(IsText).ToList();
        double? avgLogProb = text.Count > 0 ? Math.Round(text.Average(t => (double)t.ProbabilityLog), 4) : null;
        return new TranscriptSegment(start, end, data.Text, avgLogProb, Math.Round(data.NoSpeechProbability, 4), Words(text, chunk.Start, start, end));
    }

    private static List<TranscriptWord> Words(IReadOnlyList<WhisperToken> tokens, double offset, double start, double end)
    {
        var words = new List<TranscriptWord>();
        foreach (var token in tokens)
        {
            // whisper.cpp token times are in 10-ms units relative to the processed samples.
            var tokenStart = Math.Round(Math.Clamp(offset + token.Start / 100.0, start, end), 3);
            var tokenEnd = Math.Round(Math.Clamp(offset + token.End / 100.0, tokenStart, end), 3);
            var text = token.Text ?? "";
            if (words.Count == 0 || text.StartsWith(' '))
                words.Add(new TranscriptWord(tokenStart, tokenEnd, text.Trim(), Approximate: false));
            else
                words[^1] = words[^1] with { End = Math.Max(words[^1].End, tokenEnd), Text = words[^1].Text + text };
        }
        return words.Where(w => w.Text.Length > 0).ToList();
    }

    /// <summary>Text tokens only: whisper.cpp names special tokens "[_…_]" and "&lt;|…|&gt;".</summary>
    private static bool IsText(WhisperToken token) =>
        token.Text is { Length: > 0 } t && !(t.StartsWith("[_", StringComparison.Ordinal) && t.EndsWith(']')) && !(t.StartsWith("<|", StringComparison.Ordinal) && t.EndsWith("|>", StringComparison.Ordinal));
}
