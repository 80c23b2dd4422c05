using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>SRT and WebVTT to and from the transcript model.</summary>
public sealed class CaptionsTests
{
    private static readonly Transcript Sample = new(null,
    [
        new TranscriptSegment(0.5, 2.25, "First line"),
        new TranscriptSegment(59.999, 61.001, "Two lines\nof text"),
        new TranscriptSegment(3723.004, 3725.5, "Over an hour: 1 h 2 min 3.004 s & <tags>"),
        new TranscriptSegment(36_000.1, 36_001, "Ten hours in"),
    ], Transcript.CaptionsSource);

    [TestCase(CaptionFormat.Srt)]
    [TestCase(CaptionFormat.Vtt)]
    public void RoundTrip_KeepsTimesToTheMillisecondTextAndLineBreaks(CaptionFormat format)
    {
        var text = format == CaptionFormat.Srt ? Captions.ToSrt(Sample) : Captions.ToVtt(Sample);

        var parsed = Captions.Parse(text, format);

        Assert.That(parsed.Source, Is.EqualTo("captions"));
        Assert.That(parsed.Segments, Is.EqualTo(Sample.Segments));
    }

    [Test]
    public void ToSrt_WritesIndexCommaMillisecondsAndHours()
    {
        var srt = Captions.ToSrt(Sample);

        Assert.That(srt, Does.StartWith("1\n00:00:00,500 --> 00:00:02,250\nFirst line\n\n2\n00:00:59,999 --> 00:01:01,001\nTwo lines\nof text\n\n"));
        Assert.That(srt, Does.Contain("3\n01:02:03,004 --> 01:02:05,500\n"));
        Assert.That(srt, Does.Contain("4\n10:00:00,100 --> 10:00:01,000\n"));
    }

    [Test]
    public void ToVtt_WritesHeaderDotMillisecondsAndEscapes()
    {
        var vtt = Captions.ToVtt(Sample);

        Assert.That(vtt, Does.StartWith("WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nFirst line\n\n"));
        Assert.That(vtt, Does.Contain("01:02:03.004 --> 01:02:05.500\nOver an hour: 1 h 2 min 3.004 s &amp; &lt;tags&gt;\n"));
    }

    [Test]
    public void ParseSrt_ToleratesBomCrlfMissingIndexDotSeparatorAndTags()
    {
        var srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i>\r\nthere\r\n\r\n\r\n00:00:03.000 --> 00:00:04,000\r\nNo index\r\n";

        var parsed = Captions.Parse(srt, CaptionFormat.Srt);

        Assert.That(parsed.Segments, Is.EqualTo(new[]
        {
            new TranscriptSegment(1, 2.5, "Hello\nthere"),
            new TranscriptSegment(3, 4, "No index"),
        }));
    }

    [Test]
    public void ParseVtt_SkipsHeaderNoteStyleAndIdentifiers_AndIgnoresCueSettingsAndVoiceTags()
    {
        var vtt = "\uFEFFWEBVTT - a title\r\nKind: captions\r\nLanguage: en\r\n\r\nNOTE written by hand\r\nspanning lines\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n"
            + "intro\r\n00:01.000 --> 00:02.000 align:start position:10%\r\n<v Anna>Hi &amp; welcome</v>\r\n\r\n"
            + "01:00:00.000 --> 01:00:01.500\r\nsecond <00:00:00.500>karaoke\r\n";

        var parsed = Captions.Parse(vtt, CaptionFormat.Vtt);

        Assert.That(parsed.Segments, Is.EqualTo(new[]
        {
            new TranscriptSegment(1, 2, "Hi & welcome"),
            new TranscriptSegment(3600, 3601.5, "second karaoke"),
        }));
    }

    [TestCase(CaptionFormat.Vtt, "00:00:01.000 --> 00:00:02.000\nno header\n", "does not start with WEBVTT")]
    [TestCase(CaptionFormat.Srt, "1\nhello\n", "cue 1 has no 'start --> end' line")]
    [TestCase(CaptionFormat.Srt, "1\n00:00:01,000 --> 00:61:02,000\nbad minutes\n", "cue 1 has a malformed time")]
    [TestCase(CaptionFormat.Srt, "1\n00:00:05,000 --> 00:00:02,000\nbackwards\n", "cue 1 ends (00:00:02,000) before it starts")]
    [TestCase(CaptionFormat.Vtt, "", "no WEBVTT header")]
    public void Parse_Malformed_FailsWithCaptionsInvalidNamingTheCue(CaptionFormat format, string text, string message)
    {
        var e = Assert.Throws<GilgameshException>(() => Captions.Parse(text, format));

        Assert.That(e!.Code, Is.EqualTo("captions.invalid"));
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void FormatOf_UsesTheExtension()
    {
        Assert.That(Captions.FormatOf("/x/a.SRT"), Is.EqualTo(CaptionFormat.Srt));
        Assert.That(Captions.FormatOf("b.vtt"), Is.EqualTo(CaptionFormat.Vtt));
        Assert.That(Assert.Throws<GilgameshException>(() => Captions.FormatOf("c.txt"))!.Code, Is.EqualTo("captions.invalid"));
    }
}
