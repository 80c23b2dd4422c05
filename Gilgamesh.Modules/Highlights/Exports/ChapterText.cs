using System.Globalization;
using System.Text;
using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// Chapters in YouTube's description format: one <c>m:ss Title</c> line per chapter (<c>h:mm:ss</c> when the
/// video is an hour or longer), the first at 0:00, as YouTube requires to show chapters.
/// </summary>
internal static class ChapterText
{
    public static string YouTube(IReadOnlyList<Chapter> chapters, double durationSeconds)
    {
        var sb = new StringBuilder();
        foreach (var chapter in chapters)
            sb.Append(Stamp(chapter.Start, durationSeconds >= 3600)).Append(' ').Append(chapter.Title.ReplaceLineEndings(" ").Trim()).Append('\n');
        return sb.ToString();
    }

    public static string Stamp(double seconds, bool withHours)
    {
        var total = (long)Math.Floor(seconds);
        return withHours
            ? string.Create(CultureInfo.InvariantCulture, $"{total / 3600}:{total / 60 % 60:00}:{total % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{total % 60:00}");
    }
}
