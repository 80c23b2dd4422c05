namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The reference decoder's thresholds (<c>whisper.transcribe</c> defaults). Sampling at a temperature above
/// zero draws from a <see cref="Random"/> seeded per window and attempt, so the same file gives the same text.
/// </summary>
internal sealed record WhisperDecodingOptions
{
    public IReadOnlyList<double> Temperatures { get; init; } = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
    public double CompressionRatioThreshold { get; init; } = 2.4;
    public double LogProbThreshold { get; init; } = -1.0;
    public double NoSpeechThreshold { get; init; } = 0.6;
    /// <summary>Previous text carried as context, in tokens (Whisper: n_text_ctx / 2 − 1).</summary>
    public int MaxPromptTokens { get; init; } = 223;
    public int Seed { get; init; } = 20_240_601;
}
