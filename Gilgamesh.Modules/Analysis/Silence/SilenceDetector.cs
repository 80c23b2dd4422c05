using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// The silence engine: streams 16-bit PCM at the source's own rate from the kernel decoder into a 1 ms
/// energy envelope (a long compressed file in parts at once, see <see cref="PartedEnvelopeDecode"/>), then
/// chooses the threshold (adaptive or given) and segments. Cancelling the token kills the decoders' ffmpeg.
/// </summary>
internal sealed class SilenceDetector(PcmDecoder decoder, MediaProbe probe)
{
    public async Task<SilenceResult> DetectAsync(string path, SilenceOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        // Progress needs the duration, so only then a probe comes first. Otherwise ffmpeg starts at once
        // and a probe runs only to explain a failure: each ffprobe start costs ~0.1 s of CPU, as much
        // as decoding ten minutes of audio.
        MediaInfo? info = null;
        if (progress is not null)
        {
            info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
            if (info.PrimaryAudio is null)
            {
                return SilenceResult.NoAudio(options);
            }
        }

        var parts = options.Decoders ?? DecoderParts.Default();
        if (parts > 1 && !decoder.ReadsDirectly(path, options.DecodeRates))
        {
            // Unreadable media throws the probe's error here, as below.
            info ??= await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
            if (info.PrimaryAudio is not { } audio)
            {
                return SilenceResult.NoAudio(options);
            }

            if (info.DurationSeconds >= options.PartedMinimumSeconds && audio.SampleRate is > 0 and { } sourceRate
                && await PartedEnvelopeDecode.DecodeAsync(decoder, path, info.DurationSeconds, sourceRate, options, parts, progress, cancellationToken).ConfigureAwait(false) is { } envelope)
            {
                var parted = Analyze(envelope, options);
                progress?.Report(1);
                return parted;
            }
        }

        var feed = new EnvelopeFeed(info?.DurationSeconds ?? 0, progress);
        try
        {
            await decoder.DecodeInt16Async(path, options.DecodeRates, feed, cancellationToken).ConfigureAwait(false);
        }
        catch (FfmpegException) when (info is null && feed.Envelope is null)
        {
            // ffmpeg did not even start the stream: the probe tells why. Unreadable media throws the
            // probe's error; no audio stream is an answer, not an error.
            info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
            if (info.PrimaryAudio is null)
            {
                return SilenceResult.NoAudio(options);
            }

            throw;
        }

        var result = Analyze(feed.Envelope!, options);
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
        // Half-way up to the threshold: a dip whose median sits there is speech just over the floor, not a pause.
        double? bridge = (threshold + floor) / 2;
        if (options.ThresholdDb is { } absolute)
        {
            threshold = absolute;
            source = "absolute";
            bridge = null;
        }

        var active = ActivitySegmenter.Segment(envelope, threshold, bridge, options);
        var (silences, speech) = IntervalBuilder.Build(envelope, active, options.MarginSeconds);
        return new SilenceResult(true, Math.Round(envelope.DurationSeconds, 3), envelope.SampleRate, threshold, source, floor,
            options.MinSilenceSeconds, options.MarginSeconds, silences, speech);
    }

    /// <summary>Creates the envelope once the decoder tells the rate, feeds it, and reports progress.</summary>
    private sealed class EnvelopeFeed(double expectedSeconds, IProgress<double>? progress) : IPcmInt16Sink
    {
        private double _lastReported = -1;

        public LoudnessEnvelope? Envelope { get; private set; }

        public void Begin(int sampleRate) => Envelope = new LoudnessEnvelope(sampleRate, expectedSeconds);

        public void Add(ReadOnlySpan<short> samples)
        {
            Envelope!.Add(samples);
            if (progress is null || expectedSeconds <= 0)
            {
                return;
            }

            var fraction = Math.Min(0.99, Envelope.DurationSeconds / expectedSeconds);
            if (fraction - _lastReported >= 0.01)
            {
                progress.Report(fraction);
                _lastReported = fraction;
            }
        }
    }
}
