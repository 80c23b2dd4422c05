using System.Globalization;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>
/// Raises a clip's level while limiting its peaks (ffmpeg <c>alimiter</c>, video copied), for speech whose peaks sit so
/// high that one gain to −14 LUFS would cross the −1 dBTP ceiling (the render kit's loudnorm then falls back to its
/// dynamic mode and ends 1–2 LU short). Measured on espeak speech: −20.5 LUFS / −1.0 dBTP → −16.0 without, −14.2 with.
/// A candidate for the render kit.
/// </summary>
internal sealed class PeakLimiter(FfmpegRunner ffmpeg)
{
    /// <summary>Peaks are held here (−3 dBFS), leaving loudnorm room to add the last dB or two in one gain.</summary>
    private const double CeilingDb = -3;

    /// <summary>The gain (dB) to put into the limiter, or null when one linear gain reaches the target under its ceiling.</summary>
    public static double? GainNeeded(LoudnessMeasurement measured, LoudnessTarget target)
    {
        if (double.IsInfinity(measured.IntegratedLufs) || measured.IntegratedLufs < -70) return null; // silence: nothing to raise
        var gain = target.IntegratedLufs - measured.IntegratedLufs;
        return measured.TruePeakDbtp + gain > target.TruePeakDbtp + 0.2 ? gain : null;
    }

    public async Task LimitAsync(string input, string output, double gainDb, CancellationToken ct)
    {
        var levelIn = Math.Clamp(Math.Pow(10, gainDb / 20), 1, 64);
        var limit = Math.Pow(10, CeilingDb / 20);
        var temp = Path.Combine(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output));
        await ffmpeg.RunAsync(string.Create(CultureInfo.InvariantCulture,
            $"-y -i \"{input}\" -map 0:v? -map 0:a -c:v copy -af alimiter=level_in={levelIn:0.####}:limit={limit:0.####}:level=false:attack=1:release=40 -c:a aac -b:a 192k -f mp4 \"{temp}\""),
            null, ct);
        File.Move(temp, output, overwrite: true);
    }
}
