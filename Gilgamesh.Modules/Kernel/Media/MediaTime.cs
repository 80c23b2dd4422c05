using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// A non-negative time in whole milliseconds, written for ffmpeg as invariant seconds with three
/// decimals (<c>1.500</c>). Seconds instead of FFMpegCore's <c>HH:MM:SS.mmm</c> so commands read the
/// same as the numbers in logs and job records.
/// </summary>
internal readonly record struct MediaTime
{
    private MediaTime(long milliseconds) => Milliseconds = milliseconds;

    public long Milliseconds { get; }

    public double Seconds => Milliseconds / 1000.0;

    public static MediaTime FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0
            ? new MediaTime((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero))
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "a media time is a finite, non-negative number of seconds");

    public static MediaTime FromMilliseconds(long milliseconds) =>
        milliseconds >= 0
            ? new MediaTime(milliseconds)
            : throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "a media time is non-negative");

    // decimal keeps the three digits exact (no binary-fraction noise like 1.4999999).
    public override string ToString() => (Milliseconds / 1000m).ToString("0.000", CultureInfo.InvariantCulture);
}
