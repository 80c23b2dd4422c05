using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// <see cref="ISpeechTranscriber"/> over the configured model folder. Availability is a file check (cheap
/// enough for health polling); the ONNX sessions open on first use and stay open. The file is decoded once
/// to 16 kHz mono; the silence engine runs on the same samples to place the chunk cuts.
/// </summary>
internal sealed class SpeechTranscriber(string modelDirectory, SpeechSettings settings, PcmDecoder decoder, MediaProbe probe) : ISpeechTranscriber, IDisposable
{
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

        var (samples, silences) = await DecodeAsync(decoder, file, cancellationToken, info.DurationSeconds).ConfigureAwait(false);
        var engine = new WhisperEngine(model, longSilenceSeconds: settings.LongSilenceSeconds);
        return await Task.Run(() => engine.Transcribe(samples, silences, options, progress, cancellationToken).Transcript, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The file as 16 kHz mono samples and the silence engine's silences in them (one ffmpeg pass). The
    /// buffer is sized from the probed duration and filled as ffmpeg streams, so a long file costs its
    /// samples once (an hour ≈ 230 MB), not twice.
    /// </summary>
    internal static async Task<(ReadOnlyMemory<float> Samples, IReadOnlyList<AudioInterval> Silences)> DecodeAsync(
        PcmDecoder decoder, string file, CancellationToken cancellationToken, double expectedSeconds = 0)
    {
        var samples = new float[(int)Math.Min(int.MaxValue / 2, Math.Ceiling((expectedSeconds + 1) * WhisperLogMel.SampleRate))];
        var count = 0;
        await foreach (var chunk in decoder.DecodeAsync(file, WhisperLogMel.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            if (count + chunk.Length > samples.Length) Array.Resize(ref samples, Math.Max(samples.Length * 2, count + chunk.Length));
            chunk.CopyTo(samples, count);
            count += chunk.Length;
        }
        var memory = samples.AsMemory(0, count);
        var silences = SilenceDetector.Analyze(memory.Span, new SilenceOptions(MinSilenceSeconds: 0.3, SampleRate: WhisperLogMel.SampleRate)).Silences;
        return (memory, silences);
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
