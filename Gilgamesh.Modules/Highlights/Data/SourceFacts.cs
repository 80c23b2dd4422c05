using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>What the renders and the timeline exports need to know of the original (<c>highlights.jobs.source</c>).</summary>
internal sealed record SourceFacts(int Width, int Height, int FrameRateNumerator, int FrameRateDenominator, double DurationSeconds, bool HasVideo, bool HasAudio)
{
    public double FramesPerSecond => (double)FrameRateNumerator / FrameRateDenominator;

    public static SourceFacts From(MediaInfo info)
    {
        var video = info.PrimaryVideo;
        var (numerator, denominator) = Fraction(video?.FramesPerSecond ?? 25);
        return new SourceFacts(video?.Width ?? 0, video?.Height ?? 0, numerator, denominator, info.DurationSeconds, video is not null, info.PrimaryAudio is not null);
    }

    /// <summary>Whole rates as n/1, the NTSC family (29.97, 23.976, 59.94) as n·1000/1001, anything else to the millisecond.</summary>
    public static (int Numerator, int Denominator) Fraction(double fps)
    {
        if (!(fps > 0) || double.IsInfinity(fps)) return (25, 1);
        if (Math.Abs(fps - Math.Round(fps)) < 0.005) return ((int)Math.Round(fps), 1);
        var ntsc = Math.Round(fps * 1.001);
        if (Math.Abs(fps - ntsc * 1000 / 1001) < 0.005) return ((int)ntsc * 1000, 1001);
        return ((int)Math.Round(fps * 1000), 1000);
    }
}
