namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>One ≤ 30-s stretch decoded as one Whisper window, in seconds of the file.</summary>
/// <param name="HardCut">The end is a forced cut: no silence was found in reach, a word may be split.</param>
/// <param name="Silent">Lies entirely inside one silence: not decoded at all (Whisper hallucinates on silence).</param>
internal sealed record SpeechChunk(double Start, double End, bool HardCut, bool Silent)
{
    public double Duration => End - Start;
}
