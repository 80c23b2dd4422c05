using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Vad;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// <see cref="ISpeechTranscriber"/> over the configured model folder. Availability is a file check (cheap
/// enough for health polling); the ONNX sessions open on first use and stay open. The file is streamed twice
/// at 16 kHz mono, never held whole: once through the silence engine to plan the chunk cuts, once to feed
/// the chunks to the engine.
/// </summary>
internal sealed class SpeechTranscriber(string modelDirectory, SpeechSettings settings, PcmDecoder decoder, MediaProbe probe, VoiceActivityDetector? vad = null) : ISpeechTranscriber, IDisposable
{
    /// <summary>The planning pass's share of a transcription's progress (both engines); recognition takes the rest.</summary>
    public const double ScanShare = 0.1;

    private readonly Lock _gate = new();
    private WhisperOnnxModel? _model;

    public string ModelDirectory => modelDirectory;

    public bool IsAvailable => WhisperOnnxModel.MissingFiles(modelDirectory).Count == 0;

    public string Status => IsAvailable
        ? $"whisper model in {modelDirectory}"
        : $"no speech model configured: {modelDirectory} lacks {string.Join(", ", WhisperOnnxModel.MissingFiles(modelDirectory))}";

    public async Task<Transcript> TranscribeAsync(string file, SpeechOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new SpeechOptions();
        if (options.Language is null && !string.IsNullOrWhiteSpace(settings.Language)) options = options with { Language = settings.Language };
        var model = Model();
        var info = await probe.ProbeAsync(file, cancellationToken).ConfigureAwait(false);
        if (info.PrimaryAudio is null) return new Transcript(options.Language, [], Transcript.SpeechSource);

        // Two streaming passes instead of the file in memory (an hour of 16 kHz float is 230 MB): the first
        // plans (silences, exact sample count), the second feeds the chunks. ffmpeg decoding is cheap next to
        // the encoder, and one more pass beats one ffmpeg run per chunk.
        var vadStream = settings.Vad && vad is { IsAvailable: true } ? vad.CreateStream() : null;
        var scan = await SpeechScan.RunAsync(decoder, file, vadStream, cancellationToken, info.DurationSeconds,
            ProgressPart.Of(progress, 0, ScanShare)).ConfigureAwait(false);
        var engine = new WhisperEngine(model, longSilenceSeconds: settings.LongSilenceSeconds);
        return await Task.Run(async () =>
        {
            await using var audio = new StreamingPcmRanges(decoder.DecodeAsync(file, WhisperLogMel.SampleRate, cancellationToken));
            var result = await engine.TranscribeAsync(scan.SampleCount, scan.Silences, audio, options, ProgressPart.Of(progress, ScanShare, 1),
                cancellationToken, scan.Speech).ConfigureAwait(false);
            return result.Transcript;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The planning pass: the file streamed at 16 kHz mono through the silence engine's envelope (4 bytes per
    /// ms), giving its silences (minimum 0.3 s) and exact sample count without keeping the samples.
    /// </summary>
    internal static async Task<(long SampleCount, IReadOnlyList<AudioInterval> Silences)> ScanAsync(PcmDecoder decoder, string file, CancellationToken cancellationToken)
    {
        var scan = await SpeechScan.RunAsync(decoder, file, vad: null, cancellationToken).ConfigureAwait(false);
        return (scan.SampleCount, scan.Silences);
    }

    public void Dispose() => _model?.Dispose();

    private WhisperOnnxModel Model()
    {
        lock (_gate)
        {
            if (_model is not null) return _model;
            if (!IsAvailable) throw new GilgameshException(SpeechErrorCodes.ModelMissing, Status + " (see `gilgamesh models list` and `models pull`)", 503);
            return _model = WhisperOnnxModel.Open(modelDirectory, settings.Threads);
        }
    }
}
