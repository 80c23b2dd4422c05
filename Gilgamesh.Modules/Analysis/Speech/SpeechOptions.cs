namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>What to ask of one transcription.</summary>
/// <param name="Language">ISO code to force (e.g. <c>de</c>); null detects it from the first speech.</param>
/// <param name="Task">Transcribe in the spoken language, or translate to English.</param>
public sealed record SpeechOptions(string? Language = null, SpeechTask Task = SpeechTask.Transcribe);

public enum SpeechTask
{
    Transcribe,
    Translate,
}
