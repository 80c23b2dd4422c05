using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>How one chunk went: its decoding (null when skipped as silent) and the segments it kept.</summary>
internal sealed record ChunkReport(SpeechChunk Chunk, WindowDecoding? Decoding, int SegmentsKept, int SegmentsDropped);

internal sealed record WhisperEngineResult(Transcript Transcript, IReadOnlyList<ChunkReport> Chunks);

/// <summary>
/// Speech to text on 16 kHz mono samples read chunk by chunk, with the file's silences: plan chunks at
/// silences, then per chunk log-mel → encoder → decoding with fallback → segments in file time, with the
/// previous chunk's tokens as context (dropped after a high-temperature chunk, as the reference does, so a
/// bad window does not poison the next), hallucinations over long silences dropped, words spread by
/// characters. Pure apart from ONNX Runtime; cancellable between steps.
/// </summary>
internal sealed class WhisperEngine(WhisperOnnxModel model, WhisperDecodingOptions? decodingOptions = null, double longSilenceSeconds = 2.0)
{
    private readonly WhisperDecodingOptions _options = decodingOptions ?? new WhisperDecodingOptions();
    private readonly WhisperLogMel _logMel = new(model.Config.MelBins);

    /// <summary>Samples already in memory: every read completes synchronously, and so does the transcription.</summary>
    public WhisperEngineResult Transcribe(ReadOnlyMemory<float> samples, IReadOnlyList<AudioInterval> silences, SpeechOptions options, IProgress<double>? progress, CancellationToken cancellationToken, IReadOnlyList<AudioInterval>? speech = null) =>
        TranscribeAsync(samples.Length, silences, new InMemoryPcmRanges(samples), options, progress, cancellationToken, speech).GetAwaiter().GetResult();

    /// <summary>
    /// <paramref name="sampleCount"/> samples whose chunks are read from <paramref name="audio"/> one at a time,
    /// in order (silent chunks are not read): memory is one chunk however long the file. With the VAD's
    /// <paramref name="speech"/> regions, chunks without speech are not decoded (counted) and the guards drop
    /// text outside speech; loops are cut either way.
    /// </summary>
    public async Task<WhisperEngineResult> TranscribeAsync(long sampleCount, IReadOnlyList<AudioInterval> silences, IPcmRanges audio, SpeechOptions options, IProgress<double>? progress, CancellationToken cancellationToken, IReadOnlyList<AudioInterval>? speech = null)
    {
        var scan = new SpeechScan(sampleCount, silences, speech);
        var counts = new SpeechGuards.Counts();
        int decodedChunks = 0, skippedChunks = 0, promptedChunks = 0;
        var tokenizer = model.Tokenizer;
        var language = options.Language?.ToLowerInvariant();
        if (language is not null && model.Config.IsMultilingual && !tokenizer.Languages.ContainsKey(language))
            throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--language '{options.Language}' is not a language of this model (e.g. {string.Join(", ", tokenizer.Languages.Keys.Take(5))})", 400);
        if (!model.Config.IsMultilingual)
        {
            if (options.Task == SpeechTask.Translate)
                throw new GilgameshException(SpeechErrorCodes.InvalidOption, "--task translate needs a multilingual model (this one is English-only)", 400);
            language = "en";
        }

        var duration = (double)sampleCount / WhisperLogMel.SampleRate;
        var chunks = SpeechChunkPlanner.Plan(duration, silences);
        var decoder = new WhisperWindowDecoder(model, _options);
        var segments = new List<TranscriptSegment>();
        var reports = new List<ChunkReport>();
        var context = new List<int>();
        for (var index = 0; index < chunks.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = chunks[index];
            if (chunk.Silent || scan.IsNonSpeech(chunk.Start, chunk.End))
            {
                if (!chunk.Silent) skippedChunks++;
                reports.Add(new ChunkReport(chunk, null, 0, 0));
                continue;
            }
            decodedChunks++;

            var first = (long)Math.Round(chunk.Start * WhisperLogMel.SampleRate);
            var last = Math.Min(sampleCount, (long)Math.Round(chunk.End * WhisperLogMel.SampleRate));
            var samples = await audio.ReadAsync(first, last, cancellationToken).ConfigureAwait(false);
            var features = _logMel.Compute(samples.Span, cancellationToken);
            using var encoded = model.Encode(features);
            language ??= decoder.DetectLanguage(encoded);
            // Slide terms go where the previous text would: Whisper reads both as what was said before.
            var prompt = options.SlidePrompt ? SlidePrompt.For(options.Slides, chunk.Start, chunk.End) : null;
            if (prompt is not null) promptedChunks++;
            var promptTokens = prompt is null ? context : [.. tokenizer.Encode(" " + prompt), .. context];
            var decoding = decoder.Decode(encoded, promptTokens, language, options.Task, index, cancellationToken);

            var kept = 0;
            var dropped = 0;
            if (!decoding.IsNoSpeech(_options))
            {
                var result = decoding.Result;
                var aligned = result.Attention is { } attention
                    ? CrossAttentionAligner.Words(tokenizer, result.Tokens, attention, (int)Math.Ceiling(chunk.Duration * CrossAttentionAligner.FramesPerSecond))
                    : null;
                foreach (var (segment, firstToken, tokenCount) in WhisperSegments.Pieces(tokenizer, result.Tokens, chunk.Start, chunk.Duration, result.AvgLogProb, result.NoSpeechProb))
                {
                    if (SilenceHallucinationFilter.IsHallucination(segment, silences, longSilenceSeconds))
                    {
                        dropped++;
                        continue;
                    }
                    var guarded = SpeechGuards.Apply(segment with { Words = Words(segment, aligned, firstToken, tokenCount, chunk.Start) }, segments.LastOrDefault(), speech, counts);
                    if (guarded is null)
                    {
                        dropped++;
                        continue;
                    }
                    segments.Add(guarded);
                    kept++;
                }
                if (result.Temperature > 0.5) context.Clear();
                else context.AddRange(result.Tokens);
            }
            reports.Add(new ChunkReport(chunk, decoding, kept, dropped));
            progress?.Report(Math.Min(0.99, chunk.End / Math.Max(duration, 1e-9)));
        }

        progress?.Report(1);
        var statistics = new TranscriptStatistics("onnx", decodedChunks, skippedChunks, counts.DroppedOutsideSpeech, counts.LoopsCut, counts.RepeatedSegments, promptedChunks);
        return new WhisperEngineResult(new Transcript(language, segments, Transcript.SpeechSource) { Statistics = statistics }, reports);
    }

    /// <summary>Aligned words of the segment's tokens, clamped into it; spread by characters when the export gives no attentions.</summary>
    private static IReadOnlyList<TranscriptWord> Words(TranscriptSegment segment, IReadOnlyList<AlignedWord>? aligned, int firstToken, int tokenCount, double offset)
    {
        if (aligned is null) return ApproximateWords.Spread(segment.Start, segment.End, segment.Text);
        return aligned
            .Where(w => w.FirstToken >= firstToken && w.FirstToken < firstToken + tokenCount)
            .Select(w =>
            {
                var start = Math.Clamp(Math.Round(offset + w.Start, 3), segment.Start, segment.End);
                var end = Math.Clamp(Math.Round(offset + w.End, 3), start, segment.End);
                return new TranscriptWord(start, end, w.Text, Approximate: false);
            })
            .ToList();
    }
}
