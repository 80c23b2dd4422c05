namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Speech to text for other modules (ingest, highlights). Registered by <c>AddGilgameshSpeech</c>. Without a
/// model <see cref="IsAvailable"/> is false and <see cref="TranscribeAsync"/> throws a GilgameshException
/// with <see cref="SpeechErrorCodes.ModelMissing"/>: callers carry on without a transcript (or use captions).
/// </summary>
public interface ISpeechTranscriber
{
    bool IsAvailable { get; }

    /// <summary>One line for health and logs: which model from which folder, or why there is none.</summary>
    string Status { get; }

    Task<Transcript> TranscribeAsync(string file, SpeechOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}
