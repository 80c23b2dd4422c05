using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The reel as a CMX 3600 EDL: one cut event per clip (video and both audio channels, reel <c>AX</c> with the
/// file named by <c>* FROM CLIP NAME</c>, as Resolve and Premiere expect for file-based media), source times
/// from 00:00:00:00 on the original, record times from 01:00:00:00, non-drop-frame timecode at the nominal
/// rate. Chapter, score and reasons travel as comments.
/// </summary>
internal static class EdlExport
{
    public static readonly long RecordStartSeconds = 3600;

    public static string Write(Reel reel)
    {
        var source = reel.Source;
        var sb = new StringBuilder();
        sb.Append("TITLE: ").Append(Ascii(reel.Title, 70)).Append('\n');
        sb.Append("FCM: NON-DROP FRAME\n\n");
        var starts = reel.RecordStarts();
        var recordOrigin = (long)Math.Round(RecordStartSeconds * source.FramesPerSecond);
        for (var i = 0; i < reel.Clips.Count; i++)
        {
            var clip = reel.Clips[i];
            var inFrame = source.Frame(clip.Start);
            var outFrame = source.Frame(clip.End);
            var recordIn = recordOrigin + starts[i];
            var recordOut = recordIn + (outFrame - inFrame);
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1:000}  AX       {(source.HasAudio ? "AA/V" : "V   ")}  C        {Timecode(source, inFrame)} {Timecode(source, outFrame)} {Timecode(source, recordIn)} {Timecode(source, recordOut)}\n"));
            sb.Append("* FROM CLIP NAME: ").Append(source.Name).Append('\n');
            sb.Append("* COMMENT: ").Append(Ascii(clip.Title, 200)).Append('\n');
            sb.Append("* COMMENT: CHAPTER ").Append(Ascii(clip.Chapter, 200)).Append('\n');
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"* COMMENT: SCORE {clip.Score:0.00} ")).Append(Ascii(string.Join("; ", clip.Reasons), 400)).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>Non-drop-frame <c>HH:MM:SS:FF</c> at the nominal (rounded) rate, as CMX 3600 counts.</summary>
    public static string Timecode(ReelSource source, long frame)
    {
        var rate = (long)Math.Round(source.FramesPerSecond);
        var frames = frame % rate;
        var totalSeconds = frame / rate;
        return string.Create(CultureInfo.InvariantCulture, $"{totalSeconds / 3600:00}:{totalSeconds / 60 % 60:00}:{totalSeconds % 60:00}:{frames:00}");
    }

    // EDL readers are ASCII line parsers: no line breaks, nothing outside printable ASCII.
    private static string Ascii(string text, int max)
    {
        var clean = new string(text.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray()).Trim();
        return clean.Length > max ? clean[..max] : clean;
    }
}
