using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Turns ffmpeg's <c>-progress</c> key=value lines into a monotonic fraction (0–1, the code base's one progress
/// scale). Reads <c>out_time_us</c> and <c>out_time_ms</c> (which, despite its name, is also microseconds in
/// ffmpeg); both arrive in the same block, and duplicates are dropped because only increases are reported.
/// </summary>
internal sealed class FfmpegProgressTracker(double? expectedDurationSeconds, IProgress<double>? progress)
{
    private double _last = -1;

    /// <summary>The highest fraction reported so far (0 before the first).</summary>
    public double Last => Math.Max(_last, 0);

    public void OnLine(string line)
    {
        if (expectedDurationSeconds is not > 0)
        {
            return;
        }

        var separator = line.IndexOf('=');
        if (separator < 0)
        {
            return;
        }

        var key = line.AsSpan(0, separator);
        if (!key.SequenceEqual("out_time_us") && !key.SequenceEqual("out_time_ms"))
        {
            return;
        }

        // "N/A" before the first frame is skipped by the failed parse.
        if (long.TryParse(line.AsSpan(separator + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds))
        {
            Report(microseconds / 1_000_000.0 / expectedDurationSeconds.Value);
        }
    }

    /// <summary>The run succeeded: report 1 even if ffmpeg's last progress block fell short.</summary>
    public void Complete() => Report(1);

    private void Report(double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        if (fraction <= _last)
        {
            return;
        }

        _last = fraction;
        progress?.Report(fraction);
    }
}
