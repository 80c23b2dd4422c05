using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>A frame rate as ffprobe gives it (<c>30000/1001</c>), kept as a fraction so frame times stay exact.</summary>
internal readonly record struct FrameRate(int Numerator, int Denominator)
{
    public double PerSecond => (double)Numerator / Denominator;

    /// <summary>Start time of frame <paramref name="frame"/> in seconds.</summary>
    public double TimeOf(long frame) => (double)frame * Denominator / Numerator;

    /// <summary>
    /// The first frame starting at or after <paramref name="seconds"/>, with 0.6 ms of slack: a frame's start written
    /// as whole milliseconds (<see cref="MediaTime"/>, rounded by up to 0.5 ms) still names that frame.
    /// </summary>
    public long FrameAtOrAfter(double seconds) => (long)Math.Ceiling((seconds - 0.0006) * PerSecond);

    /// <summary>The frame whose start is nearest to <paramref name="seconds"/> (for packet times, which sit on frame starts).</summary>
    public long NearestFrame(double seconds) => (long)Math.Round(seconds * PerSecond, MidpointRounding.AwayFromZero);

    public static FrameRate? Parse(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 2 }
               && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
               && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
               && n > 0 && d > 0
            ? new FrameRate(n, d)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
