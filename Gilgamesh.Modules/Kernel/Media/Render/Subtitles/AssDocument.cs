using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>
/// Writes an ASS script for libass (pure). The play resolution is the video's, so sizes and margins are pixels.
/// A cue with word times becomes one event per word interval, the whole line each time with the current word
/// coloured: the line never reflows, only the colour moves (karaoke <c>\k</c> would leave spoken words coloured).
/// </summary>
internal static class AssDocument
{
    public static string Render(IReadOnlyList<SubtitleCue> cues, SubtitleStyle style, int width, int height)
    {
        var marginH = (int)Math.Round(width * style.SafeArea);
        var marginV = (int)Math.Round(height * style.SafeArea);
        var alignment = style.Position switch { SubtitlePosition.Top => 8, SubtitlePosition.Middle => 5, _ => 2 };
        var text = new StringBuilder();
        text.Append("[Script Info]\nScriptType: v4.00+\n")
            .Append(Invariant($"PlayResX: {width}\nPlayResY: {height}\n"))
            .Append("WrapStyle: 0\nScaledBorderAndShadow: yes\n\n")
            .Append("[V4+ Styles]\n")
            .Append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n")
            .Append(Invariant($"Style: Default,{FontName(style.FontName)},{style.FontSize},{Colour(style.PrimaryColour)},{Colour(style.PrimaryColour)},{Colour(style.OutlineColour)},&H80000000,{(style.Bold ? -1 : 0)},0,0,0,100,100,0,0,1,{style.Outline},0,{alignment},{marginH},{marginH},{marginV},1\n\n"))
            .Append("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        foreach (var cue in cues)
        {
            Validate(cue);
            if (cue.Words is not { Count: > 0 } words)
            {
                AppendEvent(text, cue.Start, cue.End, Escape(cue.Text));
                continue;
            }

            if (words[0].Start.Milliseconds > cue.Start.Milliseconds)
            {
                AppendEvent(text, cue.Start, words[0].Start, Line(words, -1, style));
            }

            for (var i = 0; i < words.Count; i++)
            {
                var end = i + 1 < words.Count ? words[i + 1].Start : cue.End;
                AppendEvent(text, words[i].Start, end, Line(words, i, style));
            }
        }

        return text.ToString();
    }

    /// <summary><c>h:mm:ss.cc</c>, ASS's centisecond clock.</summary>
    public static string Time(MediaTime time)
    {
        var centiseconds = (time.Milliseconds + 5) / 10;
        return Invariant($"{centiseconds / 360000}:{centiseconds / 6000 % 60:00}:{centiseconds / 100 % 60:00}.{centiseconds % 100:00}");
    }

    /// <summary>RGB hex (<c>FFD700</c>) as ASS's <c>&amp;H00BBGGRR</c>.</summary>
    public static string Colour(string rgb)
    {
        if (rgb.Length != 6 || !int.TryParse(rgb, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException($"a colour is six hex digits RRGGBB, not '{rgb}'", nameof(rgb));
        }

        return $"&H00{rgb[4..6]}{rgb[2..4]}{rgb[..2]}".ToUpperInvariant();
    }

    private static string Line(IReadOnlyList<SubtitleWord> words, int current, SubtitleStyle style) =>
        string.Join(' ', words.Select((w, i) => i == current
            ? $"{{\\1c{Colour(style.HighlightColour)}&}}{Escape(w.Text)}{{\\1c{Colour(style.PrimaryColour)}&}}"
            : Escape(w.Text)));

    private static void AppendEvent(StringBuilder text, MediaTime start, MediaTime end, string line) =>
        text.Append(Invariant($"Dialogue: 0,{Time(start)},{Time(end)},Default,,0,0,0,,{line}\n"));

    // Braces open override blocks and ASS has no escape for them; a backslash would start a tag.
    private static string Escape(string text) =>
        text.Replace('{', '(').Replace('}', ')').Replace("\\", "/", StringComparison.Ordinal).Replace("\r\n", "\\N", StringComparison.Ordinal).Replace("\n", "\\N", StringComparison.Ordinal);

    private static string FontName(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Contains(',') || name.Contains('\n')
            ? throw new ArgumentException($"'{name}' is not a usable font family name", nameof(name))
            : name;

    private static void Validate(SubtitleCue cue)
    {
        if (cue.End.Milliseconds <= cue.Start.Milliseconds)
        {
            throw new ArgumentException($"a cue ends after it starts ({cue.Start} → {cue.End})", nameof(cue));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
