using System.Globalization;
using System.Xml.Linq;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The reel as FCPXML 1.9 (Final Cut Pro, DaVinci Resolve): one asset for the original, a project whose spine
/// holds one <c>asset-clip</c> per clip (<c>start</c> = the clip's in point on the original, <c>duration</c>
/// its length, both whole frames as rational seconds), the 9:16 crop as an <c>adjust-transform</c> that moves
/// the filled source sideways, each clip's chapter as a <c>chapter-marker</c>, its score and reasons as a
/// <c>marker</c> note, and captions as anchored iTT <c>caption</c>s (lane 1, times on the original).
/// </summary>
internal static class FcpxmlExport
{
    public const string Version = "1.9";

    public static string Write(Reel reel, string aspect = "16:9")
    {
        var source = reel.Source;
        var (width, height) = SequenceSize(source, aspect);
        var starts = reel.RecordStarts();
        var spine = new XElement("spine");
        for (var i = 0; i < reel.Clips.Count; i++)
            spine.Add(Clip(reel, reel.Clips[i], starts[i], aspect, width));

        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement("fcpxml", new XAttribute("version", Version),
                new XElement("resources",
                    new XElement("format", new XAttribute("id", "r1"), new XAttribute("frameDuration", FrameDuration(source)),
                        new XAttribute("width", source.Width), new XAttribute("height", source.Height)),
                    new XElement("format", new XAttribute("id", "r2"), new XAttribute("frameDuration", FrameDuration(source)),
                        new XAttribute("width", width), new XAttribute("height", height)),
                    new XElement("asset", new XAttribute("id", "r3"), new XAttribute("name", source.Name), new XAttribute("start", "0s"),
                        new XAttribute("duration", Time(source, source.DurationFrames)), new XAttribute("hasVideo", "1"),
                        new XAttribute("hasAudio", source.HasAudio ? "1" : "0"), new XAttribute("format", "r1"),
                        new XElement("media-rep", new XAttribute("kind", "original-media"), new XAttribute("src", source.FileUri.AbsoluteUri)))),
                new XElement("library",
                    new XElement("event", new XAttribute("name", "Gilgamesh highlights"),
                        new XElement("project", new XAttribute("name", reel.Title),
                            new XElement("sequence", new XAttribute("format", "r2"), new XAttribute("duration", Time(source, reel.DurationFrames)),
                                new XAttribute("tcStart", "0s"), new XAttribute("tcFormat", "NDF"), spine))))));
        return document.Declaration + "\n<!DOCTYPE fcpxml>\n" + document.Root;
    }

    private static XElement Clip(Reel reel, ReelClip clip, long recordStart, string aspect, int sequenceWidth)
    {
        var source = reel.Source;
        var inFrame = source.Frame(clip.Start);
        var outFrame = source.Frame(clip.End);
        var element = new XElement("asset-clip", new XAttribute("ref", "r3"), new XAttribute("name", clip.Title),
            new XAttribute("offset", Time(source, recordStart)), new XAttribute("start", Time(source, inFrame)),
            new XAttribute("duration", Time(source, outFrame - inFrame)), new XAttribute("format", "r1"), new XAttribute("tcFormat", "NDF"));
        if (aspect != "16:9")
        {
            // Filled to the sequence height, the source is wider than the frame; shift it so the crop centre is in the middle.
            // FCPXML positions are in percent of the sequence height.
            var scaledWidth = source.Width * (SequenceSize(source, aspect).Height / (double)source.Height);
            var shiftPixels = (0.5 - clip.CropCenterX) * scaledWidth;
            var shiftPercent = shiftPixels / SequenceSize(source, aspect).Height * 100;
            element.Add(new XElement("adjust-conform", new XAttribute("type", "fill")));
            element.Add(new XElement("adjust-transform", new XAttribute("position", Number(shiftPercent) + " 0")));
        }
        foreach (var caption in reel.Captions.Where(c => c.End > clip.Start && c.Start < clip.End))
        {
            var from = Math.Max(source.Frame(caption.Start), inFrame);
            var to = Math.Min(source.Frame(caption.End), outFrame);
            if (to <= from) continue;
            var style = $"ts{inFrame}-{from}";
            element.Add(new XElement("caption", new XAttribute("lane", "1"), new XAttribute("offset", Time(source, from)),
                new XAttribute("name", caption.Text.Length > 40 ? caption.Text[..40] : caption.Text), new XAttribute("start", "0s"),
                new XAttribute("duration", Time(source, to - from)), new XAttribute("role", "iTT?captionFormat=ITT.en"),
                new XElement("text", new XAttribute("placement", "bottom"), new XElement("text-style", new XAttribute("ref", style), caption.Text)),
                new XElement("text-style-def", new XAttribute("id", style),
                    new XElement("text-style", new XAttribute("font", ".AppleSystemUIFont"), new XAttribute("fontSize", "13"),
                        new XAttribute("fontColor", "1 1 1 1"), new XAttribute("backgroundColor", "0 0 0 1")))));
        }
        element.Add(new XElement("chapter-marker", new XAttribute("start", Time(source, inFrame)), new XAttribute("duration", FrameDuration(source)),
            new XAttribute("value", clip.Chapter), new XAttribute("posterOffset", "0s")));
        element.Add(new XElement("marker", new XAttribute("start", Time(source, inFrame)), new XAttribute("duration", FrameDuration(source)),
            new XAttribute("value", string.Create(CultureInfo.InvariantCulture, $"score {clip.Score:0.00}")),
            new XAttribute("note", string.Join("; ", clip.Reasons))));
        return element;
    }

    public static (int Width, int Height) SequenceSize(ReelSource source, string aspect) => aspect switch
    {
        "9:16" => (1080, 1920),
        "1:1" => (1080, 1080),
        _ => (source.Width, source.Height),
    };

    /// <summary>A whole number of frames as FCPXML's rational seconds (<c>1001/30000s</c>, or <c>5s</c> when whole).</summary>
    public static string Time(ReelSource source, long frames)
    {
        var numerator = frames * source.FrameRateDenominator;
        var denominator = (long)source.FrameRateNumerator;
        var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd == 0) return "0s";
        numerator /= gcd;
        denominator /= gcd;
        return denominator == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{numerator}s")
            : string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator}s");
    }

    private static string FrameDuration(ReelSource source) => Time(source, 1);

    private static string Number(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
