using System.Globalization;
using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Cue times: SRT writes <c>HH:MM:SS,mmm</c>, WebVTT <c>[HH:]MM:SS.mmm</c>; hours may exceed two digits.
/// Readers accept either separator (real files mix them up); writers emit the format's own.
/// </summary>
internal static partial class CaptionTime
{
    [GeneratedRegex(@"^(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out double seconds)
    {
        seconds = 0;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return false;
        var hours = m.Groups[1].Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var secs = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        var millis = int.Parse(m.Groups[4].Value.PadRight(3, '0'), CultureInfo.InvariantCulture);
        seconds = hours * 3600 + minutes * 60 + secs + millis / 1000.0;
        return true;
    }

    public static string Format(double seconds, char millisecondSeparator)
    {
        var total = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        var hours = total / 3_600_000;
        var minutes = total / 60_000 % 60;
        var secs = total / 1000 % 60;
        var millis = total % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{secs:00}{millisecondSeparator}{millis:000}");
    }
}
