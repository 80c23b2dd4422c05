using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Settings of the silence engine. 16 kHz mono is enough for speech activity (energy sits below 8 kHz)
/// and keeps the per-sample work a third of 48 kHz.
/// </summary>
/// <param name="ThresholdDb">Absolute threshold in dBFS; null: adaptive from the file's noise floor.</param>
/// <param name="MinSilenceSeconds">Quieter stretches shorter than this stay inside speech (pauses between words).</param>
/// <param name="MarginSeconds">Kept audio is widened by this on both sides, as auto-editor's <c>--margin</c>.</param>
/// <param name="MinSpeechSeconds">Louder blips shorter than this (clicks) are treated as silence.</param>
internal sealed record SilenceOptions(
    double? ThresholdDb = null,
    double MinSilenceSeconds = 0.25,
    double MarginSeconds = 0,
    double MinSpeechSeconds = 0.05,
    int SampleRate = 16_000)
{
    public static SilenceOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        var defaults = new SilenceOptions();
        return new SilenceOptions(
            options.TryGetValue("threshold-db", out var t) ? Number(t, "threshold-db") : null,
            options.TryGetValue("min-silence", out var s) ? Number(s, "min-silence") : defaults.MinSilenceSeconds,
            options.TryGetValue("margin", out var m) ? Number(m, "margin") : defaults.MarginSeconds,
            options.TryGetValue("min-speech", out var p) ? Number(p, "min-speech") : defaults.MinSpeechSeconds,
            options.TryGetValue("sample-rate", out var r) ? (int)Number(r, "sample-rate") : defaults.SampleRate);
    }

    // "0.25s" is accepted as 0.25 (seconds), as in auto-editor's options.
    private static double Number(string text, string name) => AnalysisOption.Number(name, text.TrimEnd('s'), ErrorCodes.InvalidRequest);
}
