namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>What to ask of one transcription.</summary>
/// <param name="Language">ISO code to force (e.g. <c>de</c>); null detects it from the first speech.</param>
/// <param name="Task">Transcribe in the spoken language, or translate to English.</param>
/// <param name="SlidePrompt">Put the rare terms of slides shown at the time into the recognizer's prompt (when <paramref name="Slides"/> has any).</param>
/// <param name="Slides">OCR text of the media's slides with their times (from the OCR/layout engines); empty: none.</param>
public sealed record SpeechOptions(string? Language = null, SpeechTask Task = SpeechTask.Transcribe, bool SlidePrompt = true, IReadOnlyList<SlideText>? Slides = null);

/// <summary>The text read from one slide and when it was on screen (seconds).</summary>
public sealed record SlideText(double Start, double End, string Text);

public enum SpeechTask
{
    Transcribe,
    Translate,
}
