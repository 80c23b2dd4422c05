using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Gilgamesh.Modules.Highlights.Exports;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// FCPXML, OpenTimelineIO and CMX 3600 exports parsed back: each references the original and carries every
/// clip's in and out point as the clip has them (to the frame: exports count whole frames, so within half a frame).
/// </summary>
public sealed partial class TimelineExportTests
{
    private const double HalfFrame = 0.5 / LectureSpec.FrameRate + 1e-9;

    [TestCase("16:9")]
    [TestCase("9:16")]
    public async Task Fcpxml_WhenValidatedAgainstTheDtd_PassesAndCarriesEveryClipsTimesCaptionsAndChapters(string aspect)
    {
        var (reel, _, _) = await ReelFixture.ReelAsync();
        var xml = FcpxmlExport.Write(reel, aspect);

        var document = ValidateAgainstDtd(xml);

        var clips = document.Descendants("asset-clip").ToList();
        var frame = 1.0 / LectureSpec.FrameRate;
        var offset = 0.0;
        Assert.Multiple(() =>
        {
            Assert.That(document.Descendants("media-rep").Single().Attribute("src")!.Value, Is.EqualTo(new Uri(reel.Source.Path).AbsoluteUri));
            Assert.That(clips, Has.Count.EqualTo(reel.Clips.Count));
            foreach (var (element, clip) in clips.Zip(reel.Clips))
            {
                var start = Seconds(element.Attribute("start")!.Value);
                var duration = Seconds(element.Attribute("duration")!.Value);
                Assert.That(start, Is.EqualTo(clip.Start).Within(HalfFrame));
                Assert.That(start + duration, Is.EqualTo(clip.End).Within(HalfFrame));
                Assert.That(Seconds(element.Attribute("offset")!.Value), Is.EqualTo(offset).Within(1e-9), "clips follow each other on the spine");
                offset += duration;
                foreach (var time in element.DescendantsAndSelf().Attributes().Where(a => a.Name.LocalName is "start" or "duration" or "offset"))
                    Assert.That(Seconds(time.Value) / frame, Is.EqualTo(Math.Round(Seconds(time.Value) / frame)).Within(1e-6), $"{time} is on a frame");
                Assert.That(element.Elements("chapter-marker").Single().Attribute("value")!.Value, Is.EqualTo(clip.Chapter));
                Assert.That(element.Elements("caption").Count(), Is.GreaterThanOrEqualTo(1));
                foreach (var caption in element.Elements("caption"))
                {
                    var at = Seconds(caption.Attribute("offset")!.Value);
                    Assert.That(at, Is.InRange(start, start + duration), "captions lie on the clip's own source time");
                }
                Assert.That(element.Element("adjust-transform") is not null, Is.EqualTo(aspect != "16:9"));
            }
            Assert.That(Seconds(document.Descendants("sequence").Single().Attribute("duration")!.Value), Is.EqualTo(offset).Within(1e-9));
        });
    }

    [Test]
    public async Task Fcpxml_WhenAnElementIsOutOfOrder_FailsDtdValidation()
    {
        var (reel, _, _) = await ReelFixture.ReelAsync();
        var document = XDocument.Parse(FcpxmlExport.Write(reel));
        var clip = document.Descendants("asset-clip").First();
        var marker = clip.Element("marker")!;
        marker.Remove();
        clip.AddFirst(marker); // a marker before the captions breaks the content model

        Assert.Throws<XmlSchemaValidationExceptionProxy>(() => ValidateAgainstDtd(document.Declaration + "\n<!DOCTYPE fcpxml>\n" + document.Root));
    }

    [Test]
    public async Task Otio_WhenParsedBack_HasEveryClipAsFramesOnTheOriginalWithItsChapterMarker()
    {
        var (reel, _, _) = await ReelFixture.ReelAsync();

        using var json = JsonDocument.Parse(OtioExport.Write(reel));

        var root = json.RootElement;
        var tracks = root.GetProperty("tracks").GetProperty("children").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("OTIO_SCHEMA").GetString(), Is.EqualTo("Timeline.1"));
            Assert.That(tracks.Select(t => t.GetProperty("kind").GetString()), Is.EqualTo(new[] { "Video", "Audio" }));
            foreach (var track in tracks)
            {
                var clips = track.GetProperty("children").EnumerateArray().ToList();
                Assert.That(clips, Has.Count.EqualTo(reel.Clips.Count));
                foreach (var (element, clip) in clips.Zip(reel.Clips))
                {
                    Assert.That(element.GetProperty("OTIO_SCHEMA").GetString(), Is.EqualTo("Clip.2"));
                    var range = element.GetProperty("source_range");
                    var start = Rational(range.GetProperty("start_time"));
                    var duration = Rational(range.GetProperty("duration"));
                    Assert.That(start, Is.EqualTo(clip.Start).Within(HalfFrame));
                    Assert.That(start + duration, Is.EqualTo(clip.End).Within(HalfFrame));
                    var media = element.GetProperty("media_references").GetProperty(element.GetProperty("active_media_reference_key").GetString()!);
                    Assert.That(media.GetProperty("target_url").GetString(), Is.EqualTo(new Uri(reel.Source.Path).AbsoluteUri));
                    Assert.That(element.GetProperty("markers")[0].GetProperty("name").GetString(), Is.EqualTo(clip.Chapter));
                    Assert.That(element.GetProperty("metadata").GetProperty("gilgamesh").GetProperty("score").GetDouble(), Is.EqualTo(clip.Score));
                }
            }
        });
    }

    [Test]
    public async Task Edl_WhenParsedBack_HasOneCutPerClipWithSourceTimesOfTheClipsAndContiguousRecordTimes()
    {
        var (reel, _, _) = await ReelFixture.ReelAsync();

        var lines = EdlExport.Write(reel).Split('\n');

        var events = lines.Select(l => EventLine().Match(l)).Where(m => m.Success).ToList();
        var record = 3600.0;
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("TITLE: Lecture highlights"));
            Assert.That(lines[1], Is.EqualTo("FCM: NON-DROP FRAME"));
            Assert.That(events, Has.Count.EqualTo(reel.Clips.Count));
            Assert.That(lines.Count(l => l == "* FROM CLIP NAME: " + Path.GetFileName(reel.Source.Path)), Is.EqualTo(reel.Clips.Count));
            foreach (var (m, i) in events.Select((m, i) => (m, i)))
            {
                var clip = reel.Clips[i];
                Assert.That(int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), Is.EqualTo(i + 1));
                Assert.That(m.Groups["t"].Value, Is.EqualTo("C"));
                var (srcIn, srcOut, recIn, recOut) = (Tc(m.Groups["si"].Value), Tc(m.Groups["so"].Value), Tc(m.Groups["ri"].Value), Tc(m.Groups["ro"].Value));
                Assert.That(srcIn, Is.EqualTo(clip.Start).Within(HalfFrame));
                Assert.That(srcOut, Is.EqualTo(clip.End).Within(HalfFrame));
                Assert.That(recIn, Is.EqualTo(record).Within(1e-9));
                Assert.That(recOut - recIn, Is.EqualTo(srcOut - srcIn).Within(1e-9));
                record = recOut;
            }
        });
    }

    private static XDocument ValidateAgainstDtd(string xml)
    {
        var dtd = Path.Combine(RepositoryPaths.Root, "Gilgamesh.Tests", "Highlights", "fcpxml-1.9-subset.dtd");
        var withDtd = xml.Replace("<!DOCTYPE fcpxml>", $"<!DOCTYPE fcpxml SYSTEM \"{new Uri(dtd).AbsoluteUri}\">", StringComparison.Ordinal);
        Assert.That(withDtd, Does.Contain("SYSTEM"), "the export declares the fcpxml doctype");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, ValidationType = ValidationType.DTD, XmlResolver = new XmlUrlResolver() };
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(withDtd), settings))
        {
            while (reader.Read())
            {
            }
        }
        if (errors.Count > 0) throw new XmlSchemaValidationExceptionProxy(string.Join("\n", errors));
        return XDocument.Parse(xml);
    }

    /// <summary>Validation errors collected from the reader, thrown as one exception so a test can expect it.</summary>
    private sealed class XmlSchemaValidationExceptionProxy(string message) : Exception(message);

    private static double Seconds(string time)
    {
        var value = time.TrimEnd('s');
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? double.Parse(value, CultureInfo.InvariantCulture)
            : double.Parse(value[..slash], CultureInfo.InvariantCulture) / double.Parse(value[(slash + 1)..], CultureInfo.InvariantCulture);
    }

    private static double Rational(JsonElement time) => time.GetProperty("value").GetDouble() / time.GetProperty("rate").GetDouble();

    private static double Tc(string timecode)
    {
        var p = timecode.Split(':').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return p[0] * 3600 + p[1] * 60 + p[2] + (double)p[3] / LectureSpec.FrameRate;
    }

    [GeneratedRegex(@"^(?<n>\d{3})\s+(?<reel>\S+)\s+(?<track>\S+)\s+(?<t>C)\s+(?<si>\d\d:\d\d:\d\d:\d\d)\s+(?<so>\d\d:\d\d:\d\d:\d\d)\s+(?<ri>\d\d:\d\d:\d\d:\d\d)\s+(?<ro>\d\d:\d\d:\d\d:\d\d)$")]
    private static partial Regex EventLine();
}
