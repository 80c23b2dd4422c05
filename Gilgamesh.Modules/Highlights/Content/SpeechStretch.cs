namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>An active (non-silent) stretch of audio and its mean level in dBFS, from the silence engine.</summary>
internal sealed record SpeechStretch(double Start, double End, double MeanDb);
