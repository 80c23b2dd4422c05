namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The <see cref="ISpeechTranscriber"/> other modules get: the engine <c>Speech:Engine</c> chose
/// (<see cref="SpeechEngineChoice"/>). The choice is made on first use (it probes CUDA once per process) and
/// kept; status says which engine, why, and the model.
/// </summary>
internal sealed class SelectedSpeechTranscriber(SpeechSettings settings, WhisperNetTranscriber whisperNet, SpeechTranscriber onnx) : ISpeechTranscriber, IDisposable
{
    private readonly Lazy<SpeechEngineChoice> _choice = new(() => SpeechEngineChoice.Decide(
        settings.Engine, OnnxExecution.CudaAvailable, OnnxExecution.Description, onnx.IsAvailable, whisperNet.IsAvailable));

    public SpeechEngineChoice Choice => _choice.Value;

    public ISpeechTranscriber Engine => Choice.Engine == SpeechEngineChoice.Onnx ? onnx : whisperNet;

    public bool IsAvailable => Engine.IsAvailable;

    public string Status => $"engine {Choice.Engine} ({Choice.Reason}); {Engine.Status}";

    public Task<Transcript> TranscribeAsync(string file, SpeechOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Engine.TranscribeAsync(file, options, progress, cancellationToken);

    public void Dispose()
    {
        whisperNet.Dispose();
        onnx.Dispose();
    }
}
