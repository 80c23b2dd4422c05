using Gilgamesh.Modules.Analysis.Speech.Ggml;
using Gilgamesh.Modules.Analysis.Vad;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;
using Whisper.net;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// <see cref="ISpeechTranscriber"/> on Whisper.net with a ggml model file. Availability is a magic-number
/// check (cheap enough for health polling); the model loads on first use and stays loaded. Like the ONNX
/// engine, the file is streamed twice and never held whole: a planning pass (silences, VAD speech), then
/// the speech chunks only.
/// </summary>
internal sealed class WhisperNetTranscriber(string modelPath, SpeechSettings settings, PcmDecoder decoder, MediaProbe probe, VoiceActivityDetector? vad) : ISpeechTranscriber, IDisposable
{
    private readonly Lock _gate = new();
    private readonly AbandonedNativeWork _abandoned = new();
    private WhisperFactory? _factory;

    public string ModelPath => modelPath;

    public bool IsAvailable => GgmlModelFile.HasMagic(modelPath);

    public string Status => IsAvailable
        ? $"whisper.net with ggml model {modelPath}"
        : $"no speech model configured: no ggml model at {modelPath}";

    public async Task<Transcript> TranscribeAsync(string file, SpeechOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new SpeechOptions();
        if (options.Language is null && !string.IsNullOrWhiteSpace(settings.Language)) options = options with { Language = settings.Language };
        var engine = new WhisperNetEngine(Factory(), settings.Threads, _abandoned);
        var info = await probe.ProbeAsync(file, cancellationToken).ConfigureAwait(false);
        if (info.PrimaryAudio is null) return new Transcript(options.Language, [], Transcript.SpeechSource);

        var vadStream = settings.Vad && vad is { IsAvailable: true } ? vad.CreateStream() : null;
        // The planning pass (one decode, no model) is a small share of the bar; recognition is the rest, window by window.
        var scan = await SpeechScan.RunAsync(decoder, file, vadStream, cancellationToken, info.DurationSeconds,
            ProgressPart.Of(progress, 0, SpeechTranscriber.ScanShare)).ConfigureAwait(false);
        return await Task.Run(async () =>
        {
            await using var audio = new StreamingPcmRanges(decoder.DecodeAsync(file, WhisperLogMel.SampleRate, cancellationToken));
            return await engine.TranscribeAsync(scan, audio, options, ProgressPart.Of(progress, SpeechTranscriber.ScanShare, 1), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        // A cancelled transcription's whisper.cpp computation may still run on the model: let it return first.
        _abandoned.WaitAll();
        _factory?.Dispose();
    }

    private WhisperFactory Factory()
    {
        lock (_gate)
        {
            if (_factory is not null) return _factory;
            if (!IsAvailable) throw new GilgameshException(SpeechErrorCodes.ModelMissing, Status + " (see `gilgamesh models list` and `models pull`)", 503);
            GgmlModelFile.Verify(modelPath);
            try
            {
                // No GPU runtime is shipped (Whisper.net.Runtime.Cuda is not served): whisper.cpp runs on the CPU.
                return _factory = WhisperFactory.FromPath(modelPath, new WhisperFactoryOptions { UseGpu = false });
            }
            catch (Exception e) when (e is not GilgameshException and not OutOfMemoryException)
            {
                throw new GilgameshException(SpeechErrorCodes.ModelInvalid, $"whisper.net could not load {modelPath}: {e.Message}", 500, e);
            }
        }
    }
}
