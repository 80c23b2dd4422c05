using System.Runtime.ExceptionServices;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Decodes a long compressed file's audio as several consecutive parts at once, one ffmpeg each, into one
/// envelope. A compressed soundtrack's decode is ~90% of the engine's time and single-threaded in ffmpeg, so
/// on N cores N parts finish in about 1/N of it. Each part but the last is a whole number of envelope windows
/// long, cut at exact sample positions (an accurate input seek and an output duration), so the envelopes join
/// without a seam in the block grid. Decoders whose output depends on earlier packets beyond the seek
/// pre-roll (AAC's noise substitution draws from a running random state) give slightly different samples
/// after a cut than one pass does; the energies agree, which is all the envelope keeps.
/// </summary>
internal static class PartedEnvelopeDecode
{
    /// <returns>
    /// The whole file's envelope, or null when the parts did not come out as planned (another rate than
    /// expected, or a part cut short with audio after it): the caller then decodes in one pass.
    /// </returns>
    public static async Task<LoudnessEnvelope?> DecodeAsync(
        PcmDecoder decoder, string path, double durationSeconds, int sourceRate, SilenceOptions options, int parts, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var rate = NearestRate(options.DecodeRates, sourceRate);
        var windowSamples = (long)Math.Max(1, rate / 1000) * LoudnessEnvelope.BlocksPerWindow;
        var partSamples = (long)(durationSeconds * rate / parts) / windowSamples * windowSamples;
        if (parts < 2 || partSamples <= 0)
        {
            return null;
        }

        var totalSamples = durationSeconds * rate;
        long decoded = 0;
        double lastReported = -1;
        var progressLock = new object();
        void Report(int samples)
        {
            if (progress is null || totalSamples <= 0)
            {
                return;
            }

            var fraction = Math.Min(0.99, Interlocked.Add(ref decoded, samples) / totalSamples);
            lock (progressLock)
            {
                if (fraction - lastReported >= 0.01)
                {
                    lastReported = fraction;
                    progress.Report(fraction);
                }
            }
        }

        var sinks = Enumerable.Range(0, parts)
            .Select(i => new PartSink(rate, i < parts - 1 ? (double)partSamples / rate : durationSeconds - (double)partSamples * i / rate, Report))
            .ToList();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decodes = sinks.Select((sink, i) => DecodePartAsync(decoder, path, options, sink, Range(i, parts, partSamples, rate), failed)).ToList();
        try
        {
            await Task.WhenAll(decodes).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A sibling's cancellation surfaced first; the part that failed tells why.
            var cause = decodes.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }

        for (var i = 0; i < parts; i++)
        {
            if (sinks[i].Rate != rate)
            {
                return null;
            }

            // A part cut short is fine only where the audio really ends (the probed duration was long).
            var cutShort = i < parts - 1 && sinks[i].Envelope.SampleCount != partSamples;
            if (cutShort && sinks.Skip(i + 1).Any(s => s.Envelope.SampleCount > 0))
            {
                return null;
            }
        }

        var whole = sinks[0].Envelope;
        foreach (var sink in sinks.Skip(1).Where(s => s.Envelope.SampleCount > 0))
        {
            whole.Append(sink.Envelope);
        }

        return whole;
    }

    /// <summary>The rate ffmpeg's format negotiation picks from <paramref name="rates"/> for a source at <paramref name="sourceRate"/>: the nearest.</summary>
    public static int NearestRate(IReadOnlyList<int> rates, int sourceRate) =>
        rates.OrderBy(r => Math.Abs((long)r - sourceRate)).ThenByDescending(r => r).First();

    /// <summary>Part <paramref name="index"/> of <paramref name="parts"/>: whole parts of <paramref name="partSamples"/>, the last to the end.</summary>
    public static PcmRange Range(int index, int parts, long partSamples, int rate) =>
        new((double)(index * partSamples) / rate, index < parts - 1 ? (double)partSamples / rate : null);

    private static async Task DecodePartAsync(PcmDecoder decoder, string path, SilenceOptions options, PartSink sink, PcmRange range, CancellationTokenSource failed)
    {
        try
        {
            await decoder.DecodeInt16Async(path, options.DecodeRates, sink, failed.Token, range).ConfigureAwait(false);
        }
        catch
        {
            // One failing part stops the others' ffmpeg at once.
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class PartSink(int expectedRate, double expectedSeconds, Action<int> report) : IPcmInt16Sink
    {
        public int? Rate { get; private set; }

        public LoudnessEnvelope Envelope { get; private set; } = new(expectedRate, expectedSeconds);

        public void Begin(int sampleRate)
        {
            Rate = sampleRate;
            if (sampleRate != expectedRate)
            {
                Envelope = new LoudnessEnvelope(sampleRate, expectedSeconds);
            }
        }

        public void Add(ReadOnlySpan<short> samples)
        {
            Envelope.Add(samples);
            report(samples.Length);
        }
    }
}
