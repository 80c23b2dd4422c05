using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Vad;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>The planning pass's findings: exact length, silences, and (with VAD) speech regions.</summary>
internal sealed record SpeechScan(long SampleCount, IReadOnlyList<AudioInterval> Silences, IReadOnlyList<AudioInterval>? Speech)
{
    /// <summary>
    /// The file streamed once at 16 kHz mono through the silence engine's envelope (4 bytes per ms) and, when
    /// given, the Silero VAD — both fed from the same blocks, so VAD costs no second decode.
    /// </summary>
    /// <param name="expectedSeconds">The file's probed length, for <paramref name="progress"/> (0–1 by decoded time).</param>
    public static async Task<SpeechScan> RunAsync(PcmDecoder decoder, string file, SileroVadStream? vad, CancellationToken cancellationToken,
        double? expectedSeconds = null, IProgress<double>? progress = null)
    {
        var envelope = new LoudnessEnvelope(WhisperLogMel.SampleRate);
        var expectedSamples = (expectedSeconds ?? 0) * WhisperLogMel.SampleRate;
        var reported = 0.0;
        await foreach (var block in decoder.DecodeAsync(file, WhisperLogMel.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            envelope.Add(block);
            vad?.Add(block);
            if (progress is null || expectedSamples <= 0) continue;
            // Hundredths are enough for a bar; the job writes at most one update per 100 ms anyway.
            var fraction = Math.Min(0.99, envelope.SampleCount / expectedSamples);
            if (fraction - reported < 0.01) continue;
            progress.Report(reported = fraction);
        }
        progress?.Report(1);
        var silences = SilenceDetector.Analyze(envelope, new SilenceOptions(MinSilenceSeconds: 0.3, SampleRate: WhisperLogMel.SampleRate)).Silences;
        return new SpeechScan(envelope.SampleCount, silences, vad?.Finish());
    }

    /// <summary>True when the VAD ran and heard no speech in the span: the recognizer is not called there.</summary>
    public bool IsNonSpeech(double start, double end) =>
        Speech is not null && !Speech.Any(s => s.End > start && s.Start < end);
}
