using System.Globalization;
using System.Text.Json;
using FFMpegCore;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media.Render.Loudness;

/// <summary>
/// EBU R128 two-pass <c>loudnorm</c> (pure): pass 1 measures and prints JSON; pass 2 is given the measurement and,
/// with <c>linear=true</c>, applies one gain (dynamic mode only where the true-peak ceiling forbids it).
/// </summary>
internal static class LoudnessArguments
{
    public static string Measure(string input, LoudnessTarget target) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToFile("-", overwrite: false, o => o
                .WithCustomArgument($"-map 0:a:0 -vn -af {Filter(target)}:print_format=json")
                .ForceFormat("null"))
            .Arguments;

    public static string Apply(string input, string output, LoudnessTarget target, LoudnessMeasurement measured, bool hasVideo)
    {
        var filter = Invariant(
            $"{Filter(target)}:measured_I={measured.IntegratedLufs:0.00}:measured_TP={measured.TruePeakDbtp:0.00}:measured_LRA={measured.LoudnessRange:0.00}:measured_thresh={measured.Threshold:0.00}:offset={measured.TargetOffset:0.00}:linear=true");
        var wav = output.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                // loudnorm works at 192 kHz internally; -ar brings the output back to 48 kHz.
                .WithCustomArgument((hasVideo ? "-map 0:v:0 -c:v copy " : "") + $"-map 0:a:0 -af {filter} -ar 48000 " +
                                    (wav ? "-c:a pcm_s16le -f wav" : "-c:a aac -b:a 192k -movflags +faststart -f mp4")))
            .Arguments;
    }

    /// <summary>Reads pass 1's JSON block from the end of ffmpeg's info-level stderr.</summary>
    public static LoudnessMeasurement ParseMeasurement(string stderr)
    {
        var start = stderr.LastIndexOf('{');
        var end = stderr.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            throw new GilgameshException(ErrorCodes.FfmpegFailed, "loudnorm printed no measurement (is there an audio stream?)", 422);
        }

        using var json = JsonDocument.Parse(stderr[start..(end + 1)]);
        double Read(string name) =>
            double.TryParse(json.RootElement.GetProperty(name).GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new GilgameshException(ErrorCodes.FfmpegFailed, $"loudnorm measured no usable {name} (silent input?)", 422);
        return new LoudnessMeasurement(Read("input_i"), Read("input_tp"), Read("input_lra"), Read("input_thresh"), Read("target_offset"));
    }

    private static string Filter(LoudnessTarget target)
    {
        if (target.IntegratedLufs is < -70 or > -5 || target.TruePeakDbtp is < -9 or > 0 || target.LoudnessRange is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "loudnorm takes I in [-70, -5] LUFS, TP in [-9, 0] dBTP, LRA in [1, 50] LU");
        }

        return Invariant($"loudnorm=I={target.IntegratedLufs:0.0}:TP={target.TruePeakDbtp:0.0}:LRA={target.LoudnessRange:0.0}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
