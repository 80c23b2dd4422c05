using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>Settings of the silence engine.</summary>
/// <param name="ThresholdDb">Absolute threshold in dBFS; null: adaptive from the file's noise floor.</param>
/// <param name="MinSilenceSeconds">Quieter stretches shorter than this stay inside speech (pauses between words).</param>
/// <param name="MarginSeconds">Kept audio is widened by this on both sides, as auto-editor's <c>--margin</c>.</param>
/// <param name="MinSpeechSeconds">Louder blips shorter than this (clicks) are treated as silence.</param>
/// <param name="SampleRate">Analysis rate; null: the source's own (see <see cref="DecodeRates"/>).</param>
internal sealed record SilenceOptions(
    double? ThresholdDb = null,
    double MinSilenceSeconds = 0.25,
    double MarginSeconds = 0,
    double MinSpeechSeconds = 0.05,
    int? SampleRate = null)
{
    /// <summary>Every common rate up to 48 kHz (see <see cref="DecodeRates"/>).</summary>
    public static readonly IReadOnlyList<int> SourceRates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

    /// <summary>
    /// The rates the decoder may deliver: the one asked for, else <see cref="SourceRates"/>, of which
    /// ffmpeg picks the nearest to the source's, which is the source's own for nearly every file. The
    /// 1 ms envelope works at any rate, and skipping the resampler costs less than the extra samples
    /// (at 22.05 kHz ffmpeg's CPU time halves against 16 kHz float). Above 48 kHz the source is
    /// resampled down: speech activity gains nothing from 96 or 192 kHz, and the pipe would carry two
    /// to four times the bytes.
    /// </summary>
    public IReadOnlyList<int> DecodeRates => SampleRate is { } rate ? [rate] : SourceRates;

    /// <summary>
    /// Compressed files of <see cref="PartedMinimumSeconds"/> or more are decoded in this many parts at once
    /// (<see cref="PartedEnvelopeDecode"/>); null: one per processor while a core is idle (<see cref="DecoderParts"/>); 1: one ffmpeg.
    /// </summary>
    public int? Decoders { get; init; }

    /// <summary>
    /// Below this a file is decoded in one pass: splitting costs a probe and more ffmpeg starts (~0.15 s of
    /// CPU), which a quarter of an hour of AAC (~0.3 s to decode here) repays.
    /// </summary>
    public double PartedMinimumSeconds { get; init; } = 900;

    public static SilenceOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        var defaults = new SilenceOptions();
        return new SilenceOptions(
            options.TryGetValue("threshold-db", out var t) ? Number(t, "threshold-db") : null,
            options.TryGetValue("min-silence", out var s) ? Number(s, "min-silence") : defaults.MinSilenceSeconds,
            options.TryGetValue("margin", out var m) ? Number(m, "margin") : defaults.MarginSeconds,
            options.TryGetValue("min-speech", out var p) ? Number(p, "min-speech") : defaults.MinSpeechSeconds,
            options.TryGetValue("sample-rate", out var r) ? Rate(r) : defaults.SampleRate)
        {
            Decoders = options.TryGetValue("decoders", out var d) ? DecoderCount(d) : null,
        };
    }

    private static int DecoderCount(string text)
    {
        var count = Number(text, "decoders");
        return count is >= 1 and <= 64 && count == Math.Floor(count)
            ? (int)count
            : throw new GilgameshException(ErrorCodes.InvalidRequest, $"--decoders expects a whole number from 1 to 64, got '{text}'", 400);
    }

    // The decoder's own bounds, as a request error rather than an argument exception from deep inside.
    private static int Rate(string text)
    {
        var rate = Number(text, "sample-rate");
        return rate is >= 1000 and <= 384_000 && rate == Math.Floor(rate)
            ? (int)rate
            : throw new GilgameshException(ErrorCodes.InvalidRequest, $"--sample-rate expects a whole number of Hz from 1000 to 384000, got '{text}'", 400);
    }

    // "0.25s" is accepted as 0.25 (seconds), as in auto-editor's options.
    private static double Number(string text, string name) => AnalysisOption.Number(name, text.TrimEnd('s'), ErrorCodes.InvalidRequest);
}
