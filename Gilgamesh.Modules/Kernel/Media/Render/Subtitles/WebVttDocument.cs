using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>Writes a WebVTT file (pure): the sidecar browsers load with <c>&lt;track&gt;</c>.</summary>
internal static class WebVttDocument
{
    public static string Render(IReadOnlyList<SubtitleCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n");
        foreach (var cue in cues)
        {
            if (cue.End.Milliseconds <= cue.Start.Milliseconds)
            {
                throw new ArgumentException($"a cue ends after it starts ({cue.Start} → {cue.End})", nameof(cues));
            }

            text.Append('\n').Append(Time(cue.Start)).Append(" --> ").Append(Time(cue.End)).Append('\n')
                .Append(Escape(cue.Text)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>hh:mm:ss.ttt</c>.</summary>
    public static string Time(MediaTime time)
    {
        var ms = time.Milliseconds;
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    // A cue's text may not hold a blank line (it ends the cue) or "-->"; & and < start entities and tags.
    private static string Escape(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0);
        return string.Join('\n', lines).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
