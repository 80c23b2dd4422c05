using System.Globalization;
using System.Xml.Linq;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The reel as an MLT XML project (Shotcut and Kdenlive open it; Debian's <c>melt</c> renders it): one
/// <c>avformat</c> producer on the original, a playlist with one entry per clip (<c>in</c>/<c>out</c> are
/// frames of the original, <c>out</c> inclusive as MLT counts), and a tractor. The profile is the source's
/// size and frame rate so frame numbers mean the same thing as in the original.
/// </summary>
internal static class MltExport
{
    public static string Write(Reel reel)
    {
        var source = reel.Source;
        var producer = new XElement("producer", new XAttribute("id", "source"), new XAttribute("in", 0),
            new XAttribute("out", Math.Max(0, source.DurationFrames - 1)),
            Property("resource", Path.GetFullPath(source.Path)),
            Property("mlt_service", "avformat"),
            Property("seekable", "1"));
        var playlist = new XElement("playlist", new XAttribute("id", "reel"), Property("shotcut:name", reel.Title));
        foreach (var clip in reel.Clips)
        {
            var inFrame = source.Frame(clip.Start);
            var outFrame = source.Frame(clip.End) - 1;
            playlist.Add(new XElement("entry", new XAttribute("producer", "source"), new XAttribute("in", inFrame), new XAttribute("out", outFrame),
                Property("gilgamesh:title", clip.Title),
                Property("gilgamesh:chapter", clip.Chapter),
                Property("gilgamesh:score", clip.Score.ToString("0.00", CultureInfo.InvariantCulture))));
        }
        var gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(source.Width, source.Height);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("mlt", new XAttribute("LC_NUMERIC", "C"), new XAttribute("version", "7.0.0"), new XAttribute("title", reel.Title),
                new XAttribute("producer", "main_bin"),
                new XElement("profile", new XAttribute("description", "source"), new XAttribute("width", source.Width), new XAttribute("height", source.Height),
                    new XAttribute("progressive", 1), new XAttribute("sample_aspect_num", 1), new XAttribute("sample_aspect_den", 1),
                    new XAttribute("display_aspect_num", source.Width / gcd), new XAttribute("display_aspect_den", source.Height / gcd),
                    new XAttribute("frame_rate_num", source.FrameRateNumerator), new XAttribute("frame_rate_den", source.FrameRateDenominator),
                    new XAttribute("colorspace", 709)),
                new XElement("playlist", new XAttribute("id", "main_bin"), Property("xml_retain", "1")),
                producer,
                playlist,
                new XElement("tractor", new XAttribute("id", "tractor0"), new XAttribute("title", reel.Title), new XAttribute("in", 0),
                    new XAttribute("out", Math.Max(0, reel.DurationFrames - 1)),
                    new XElement("track", new XAttribute("producer", "reel")))));
        return document.Declaration + "\n" + document.ToString();
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), value);
}
