using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// The silence engine: probes once, streams 16-bit PCM at the source's own rate from the kernel decoder
/// into a 1 ms energy envelope, then chooses the threshold (adaptive or given) and segments. Cancelling
/// the token kills the decoder's ffmpeg.
/// </summary>
internal sealed class SilenceDetector(PcmDecoder decoder, MediaProbe probe)
{
    public async Task<SilenceResult> DetectAsync(string path, SilenceOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        // The one probe: it tells "no audio" from "unreadable" and gives the rate and duration, so the
        // decoder's lean path need not probe again (each ffprobe start costs ~0.1 s of CPU).
        var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        if (info.PrimaryAudio is not { } audio)
        {
            return SilenceResult.NoAudio(options);
        }

        var envelope = new LoudnessEnvelope(options.RateFor(audio), info.DurationSeconds);
        var lastReported = -1.0;
        await decoder.DecodeInt16Async(path, envelope.SampleRate, chunk =>
        {
            envelope.Add(chunk);
            if (progress is not null && info.DurationSeconds > 0)
            {
                var fraction = Math.Min(0.99, envelope.DurationSeconds / info.DurationSeconds);
                if (fraction - lastReported >= 0.01)
                {
                    progress.Report(fraction);
                    lastReported = fraction;
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        var result = Analyze(envelope, options);
        progress?.Report(1);
        return result;
    }

    /// <summary>The same analysis of PCM already in memory (speech to text decodes once for both).</summary>
    public static SilenceResult Analyze(ReadOnlySpan<float> samples, SilenceOptions options)
    {
        var envelope = new LoudnessEnvelope(options.SampleRate ?? throw new ArgumentException("PCM in memory needs its sample rate", nameof(options)));
        envelope.Add(samples);
        return Analyze(envelope, options);
    }

    /// <summary>The analysis of an envelope the caller streamed itself (speech to text also counts the samples).</summary>
    internal static SilenceResult Analyze(LoudnessEnvelope envelope, SilenceOptions options)
    {
        envelope.Complete();
        var (threshold, floor) = AdaptiveThreshold.Choose(envelope);
        var source = "adaptive";
        if (options.ThresholdDb is { } absolute)
        {
            threshold = absolute;
            source = "absolute";
        }

        var active = ActivitySegmenter.Segment(envelope, threshold, options);
        var (silences, speech) = IntervalBuilder.Build(envelope, active, options.MarginSeconds);
        return new SilenceResult(true, Math.Round(envelope.DurationSeconds, 3), envelope.SampleRate, threshold, source, floor,
            options.MinSilenceSeconds, options.MarginSeconds, silences, speech);
    }
}
