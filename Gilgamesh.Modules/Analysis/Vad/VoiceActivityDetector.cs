using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>What <c>analyze vad</c> prints: speech regions in seconds (millisecond precision).</summary>
internal sealed record VadResult(string Engine, double DurationSeconds, IReadOnlyList<AudioInterval> Speech)
{
    public double SpeechSeconds => Math.Round(Speech.Sum(s => s.End - s.Start), 3);
}

/// <summary>
/// Silero voice activity detection for files and streams. The ONNX session opens on first use and stays
/// open (1.3 MB model, one thread); the vendored model ships with the build, so this is available on any
/// install unless the file was removed.
/// </summary>
internal sealed class VoiceActivityDetector(VadSettings settings, PcmDecoder decoder) : IDisposable
{
    private readonly Lock _gate = new();
    private SileroVadModel? _model;

    public string ModelPath => settings.ResolveModelPath();

    public bool IsAvailable => File.Exists(ModelPath);

    public VadOptions DefaultOptions => new(Threshold: settings.Threshold);

    /// <summary>A stream to feed 16 kHz mono samples into (the caller decodes, e.g. in a pass it makes anyway).</summary>
    public SileroVadStream CreateStream(VadOptions? options = null) => new(Model(), options ?? DefaultOptions);

    public async Task<VadResult> DetectAsync(string file, VadOptions? options = null, IProgress<double>? progress = null, double durationSeconds = 0, CancellationToken cancellationToken = default)
    {
        var stream = CreateStream(options);
        await foreach (var block in decoder.DecodeAsync(file, SileroVadModel.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            stream.Add(block);
            if (durationSeconds > 0) progress?.Report(Math.Min(0.99, stream.SampleCount / (durationSeconds * SileroVadModel.SampleRate)));
        }
        var speech = stream.Finish();
        progress?.Report(1);
        return new VadResult("silero", Math.Round((double)stream.SampleCount / SileroVadModel.SampleRate, 3), speech);
    }

    public void Dispose() => _model?.Dispose();

    private SileroVadModel Model()
    {
        lock (_gate) return _model ??= SileroVadModel.Open(ModelPath);
    }
}
