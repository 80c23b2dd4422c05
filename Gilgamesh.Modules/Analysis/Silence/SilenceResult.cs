namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// What <c>analyze silence</c> prints. A file without audio is <see cref="HasAudio"/> false with empty
/// lists, not an error: "nothing to hear" is a legitimate answer for a screen recording.
/// </summary>
internal sealed record SilenceResult(
    bool HasAudio,
    double DurationSeconds,
    int SampleRate,
    double ThresholdDb,
    string ThresholdSource,
    double NoiseFloorDb,
    double MinSilenceSeconds,
    double MarginSeconds,
    IReadOnlyList<AudioInterval> Silences,
    IReadOnlyList<AudioInterval> Speech)
{
    public static SilenceResult NoAudio(SilenceOptions options) =>
        new(false, 0, options.SampleRate ?? 0, 0, "none", 0, options.MinSilenceSeconds, options.MarginSeconds, [], []);
}
