using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// SRT and WebVTT captions to and from <see cref="Transcript"/> (source <c>captions</c>), so media that comes
/// with subtitles gets a transcript without a speech model, and transcripts can be written as subtitles.
/// Readers tolerate a BOM, CRLF, missing SRT indices, WebVTT header text, NOTE/STYLE/REGION blocks, cue
/// identifiers, cue settings and inline tags (<c>&lt;v Name&gt;</c>, <c>&lt;i&gt;</c>, karaoke timestamps);
/// multi-line cues keep their line breaks. Anything else malformed fails with <c>captions.invalid</c>
/// naming the cue.
/// </summary>
public static partial class Captions
{
    [GeneratedRegex(@"^\s*(\S+)\s+-->\s+(\S+)(.*)$")]
    private static partial Regex TimingLine();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    // SRT only knows a few HTML-like tags and ASS-style {\an8} overrides; other angle brackets are text.
    [GeneratedRegex(@"</?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", RegexOptions.IgnoreCase)]
    private static partial Regex SrtTag();

    /// <summary>The format by file extension (<c>.srt</c>, <c>.vtt</c>).</summary>
    public static CaptionFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".srt" => CaptionFormat.Srt,
        ".vtt" => CaptionFormat.Vtt,
        var other => throw new GilgameshException(SpeechErrorCodes.CaptionsInvalid, $"captions must be .srt or .vtt, not '{other}'", 400),
    };

    public static Transcript Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), FormatOf(path));

    public static Transcript Parse(string text, CaptionFormat format)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var blocks = Blocks(lines);
        var segments = new List<TranscriptSegment>();
        var first = true;
        foreach (var block in blocks)
        {
            if (format == CaptionFormat.Vtt && first)
            {
                first = false;
                if (!block[0].StartsWith("WEBVTT", StringComparison.Ordinal) || (block[0].Length > 6 && block[0][6] is not (' ' or '\t')))
                    throw Invalid(format, "the file does not start with WEBVTT");
                continue; // header block: "WEBVTT [text]" and metadata lines
            }
            if (format == CaptionFormat.Vtt && (block[0].StartsWith("NOTE", StringComparison.Ordinal) || block[0] is "STYLE" or "REGION"))
                continue;
            segments.Add(Cue(block, format, segments.Count + 1));
        }
        if (format == CaptionFormat.Vtt && first) throw Invalid(format, "the file is empty (no WEBVTT header)");
        return new Transcript(null, segments, Transcript.CaptionsSource);
    }

    public static string ToSrt(Transcript transcript)
    {
        var sb = new StringBuilder();
        var index = 1;
        foreach (var s in transcript.Segments)
        {
            sb.Append(index++).Append('\n')
              .Append(CaptionTime.Format(s.Start, ',')).Append(" --> ").Append(CaptionTime.Format(s.End, ',')).Append('\n')
              .Append(CueText(s.Text)).Append("\n\n");
        }
        return sb.ToString();
    }

    public static string ToVtt(Transcript transcript)
    {
        var sb = new StringBuilder("WEBVTT\n\n");
        foreach (var s in transcript.Segments)
        {
            sb.Append(CaptionTime.Format(s.Start, '.')).Append(" --> ").Append(CaptionTime.Format(s.End, '.')).Append('\n')
              .Append(CueText(s.Text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")).Append("\n\n");
        }
        return sb.ToString();
    }

    private static TranscriptSegment Cue(List<string> block, CaptionFormat format, int number)
    {
        // An SRT index or a WebVTT identifier may precede the timing line.
        var timing = TimingLine().Match(block[0]);
        var textStart = 1;
        if (!timing.Success && block.Count > 1)
        {
            timing = TimingLine().Match(block[1]);
            textStart = 2;
        }
        if (!timing.Success) throw Invalid(format, $"cue {number} has no 'start --> end' line: '{block[0]}'");
        if (!CaptionTime.TryParse(timing.Groups[1].Value, out var start) || !CaptionTime.TryParse(timing.Groups[2].Value, out var end))
            throw Invalid(format, $"cue {number} has a malformed time in '{block[textStart - 1].Trim()}'");
        if (end < start) throw Invalid(format, $"cue {number} ends ({timing.Groups[2].Value}) before it starts ({timing.Groups[1].Value})");
        var text = string.Join("\n", block.Skip(textStart).Select(l => format == CaptionFormat.Vtt ? WebUtility.HtmlDecode(Tag().Replace(l, "")) : SrtTag().Replace(l, "")));
        return new TranscriptSegment(Math.Round(start, 3), Math.Round(end, 3), text.Trim());
    }

    private static List<List<string>> Blocks(string[] lines)
    {
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                current = null;
                continue;
            }
            if (current is null)
            {
                current = [];
                blocks.Add(current);
            }
            current.Add(line.TrimEnd());
        }
        return blocks;
    }

    // A blank line would end the cue early; keep the cue one block.
    private static string CueText(string text) => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Where(l => l.Trim().Length > 0));

    private static GilgameshException Invalid(CaptionFormat format, string detail) =>
        new(SpeechErrorCodes.CaptionsInvalid, $"{format.ToString().ToUpperInvariant()} captions are malformed: {detail}", 400);
}
