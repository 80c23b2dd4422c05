namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>
/// Silero's <c>get_speech_timestamps</c> parameters: speech starts when the probability reaches
/// <see cref="Threshold"/>, ends after it stays below <c>Threshold − 0.15</c> for <see cref="MinSilenceSeconds"/>;
/// regions shorter than <see cref="MinSpeechSeconds"/> are dropped; each is padded by <see cref="PadSeconds"/>.
/// </summary>
internal sealed record VadOptions(double Threshold = 0.5, double MinSpeechSeconds = 0.25, double MinSilenceSeconds = 0.1, double PadSeconds = 0.03)
{
    public double NegativeThreshold => Math.Max(Threshold - 0.15, 0.01);
}
